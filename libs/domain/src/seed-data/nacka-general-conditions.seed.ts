import { ConditionDefinition } from '../condition/authorisation-condition';

// Seed 003's table "Generella auktorisationsvillkor, exempel", with control points (1. Uppvisa vid
// auktorisation, 2. Uppföljning, 3. Egen anmälan) and consequence (Vid brist). Seed 004 is the
// same slide with the rows of the manager conditions run together; 003 keeps them apart.

/** Nacka's general authorisation conditions (generella auktorisationsvillkor, reglemente). */
export const NACKA_GENERAL_CONDITIONS: readonly ConditionDefinition[] = [
  {
    conditionId: 'general-goals',
    title: 'Show how national and municipal goals are met',
    text: 'Anordnaren ska redovisa hur de statliga och/eller kommunala målen för verksamheten ska nås.',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'general-keys-and-valuables',
    title: "Routines for customers' keys and valuables",
    text: 'Anordnaren ska ha rutiner för hantering av nycklar till brukarnas bostäder och värdehandlingar/medel tillhöriga brukarna.',
    controlPoints: ['follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'general-competent-manager',
    title: 'Competent manager of daily operations',
    text: 'Den som utövar den dagliga ledningen av verksamheten ska ha för arbetsuppgifterna och verksamhetens inriktning adekvat kompetens.',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'general-manager-change-reported',
    title: 'Manager change reported for approval',
    text: 'Om anordnaren byter den som ansvarar för den dagliga ledningen av verksamheten ska detta anmälas till kommunen för godkännande.',
    controlPoints: ['self_report'],
    consequence: 'warning',
  },
  {
    conditionId: 'general-report-serious-complaints',
    title: 'Report serious complaints, faults and deviations',
    text: 'Anordnaren ska rapportera allvarliga klagomål, fel, brister och avvikelser till kommunen.',
    controlPoints: ['self_report', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
];

/** The scheme the example specific conditions below belong to. */
export const NACKA_SPECIFIC_CONDITIONS_SCHEME_ID = 'hemtjanst';

// Seed 003's "Specifika auktorisationsvillkor, exempel: Verksamhetsansvarig och ledning" spells out
// the competent-manager condition for care of older and disabled people; we attach it to home care.
// The slide gives no control points or consequences: we assume those of the general condition it
// refines, and a warning only for the deputy report, like the manager-change report.

/** Example specific conditions for home care: what a competent manager means. */
export const NACKA_HOME_CARE_SPECIFIC_CONDITIONS: readonly ConditionDefinition[] = [
  {
    conditionId: 'hemtjanst-manager-education',
    title: 'Manager: two years of post-secondary care education',
    text: 'Verksamhetsansvarig ska ha minst två års eftergymnasial vård- och omsorgsutbildning (högskoleutbildning alternativt yrkeshögskoleexamen 400 yrkeshögskolepoäng).',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'hemtjanst-manager-practice',
    title: 'Manager: two years of full-time practice in the last ten',
    text: 'Verksamhetsansvarig ska ha minst två års praktisk erfarenhet av arbete på heltid under de senaste 10 åren inom omsorger om äldre och/eller personer med funktionsnedsättningar.',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'hemtjanst-manager-supervision',
    title: 'Manager: two years of supervising staff and operations',
    text: 'Verksamhetsansvarig ska ha minst två års erfarenhet av arbetsledning med ansvar för personal och drift.',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'hemtjanst-manager-swedish',
    title: 'Manager: fluent Swedish, spoken and written',
    text: 'Verksamhetsansvarig ska behärska det svenska språket i tal och skrift.',
    controlPoints: ['at_authorisation', 'follow_up'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'hemtjanst-foreign-education-validated',
    title: 'Education from abroad validated by UHR',
    text: 'Utbildningar genomförda i ett annat land än Sverige ska valideras. Valideringen sker av Universitets- och Högskolerådet, UHR.',
    controlPoints: ['at_authorisation'],
    consequence: 'warning_or_deauthorisation',
  },
  {
    conditionId: 'hemtjanst-manager-deputy-reported',
    title: "Deputy for the manager's absence reported",
    text: 'Anordnaren ska anmäla vem som ersätter verksamhetsansvarig vid frånvaro, t.ex. vid längre semester eller sjukskrivning.',
    controlPoints: ['self_report'],
    consequence: 'warning',
  },
];
