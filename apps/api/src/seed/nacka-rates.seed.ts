import { Ore } from '@kundval/domain';

/** One voucher level of a seeded scheme and its amount (per month, hour or day by the model). */
export type RateSeed = Readonly<{ level: string; amountOre: Ore }>;

// ASSUMPTION. The seeds give no amounts. These are plausible levels at roughly 2014 prices (the
// year of seed 003's counts), rounded, and they apply from each scheme's start date: the seeds
// carry no history of amounts, so none is invented. Monthly amounts are 1/12 of an annual voucher
// (förskola ~ 130 000 kr/year for ages 1-3, grundskola ~ 85 000-100 000 kr/year by grade band);
// hourly ones are what one performed hour pays (hemtjänst ~ 450 kr); daily ones a day of stay or
// activity. LSS schemes are paid by need level (nivå), the way most municipalities grade them.

/** Voucher levels and amounts per seeded scheme, in öre. */
export const NACKA_RATES: Readonly<Record<string, readonly RateSeed[]>> = {
  forskola: [
    { level: 'age-1-3', amountOre: 1_080_000 },
    { level: 'age-4-5', amountOre: 830_000 },
  ],
  grundskola: [
    { level: 'grade-f-3', amountOre: 700_000 },
    { level: 'grade-4-6', amountOre: 740_000 },
    { level: 'grade-7-9', amountOre: 850_000 },
  ],
  gymnasieskola: [
    { level: 'higher-education-preparatory', amountOre: 790_000 },
    { level: 'vocational', amountOre: 1_000_000 },
  ],
  vuxenutbildning: [{ level: 'full-time-student', amountOre: 420_000 }],
  'familjedaghem-eget-barn': [
    { level: 'age-1-3', amountOre: 900_000 },
    { level: 'age-4-5', amountOre: 700_000 },
  ],
  musikskola: [
    { level: 'individual-lesson', amountOre: 55_000 },
    { level: 'group-lesson', amountOre: 32_000 },
  ],
  karriarvagledning: [{ level: 'guidance-hour', amountOre: 80_000 }],
  hemtjanst: [
    { level: 'home-care-hour', amountOre: 45_000 },
    { level: 'escort-relief-hour', amountOre: 40_000 },
  ],
  'sarskilt-boende': [
    { level: 'somatic-care-day', amountOre: 190_000 },
    { level: 'dementia-care-day', amountOre: 215_000 },
  ],
  familjeradgivning: [{ level: 'counselling-hour', amountOre: 95_000 }],
  familjebehandling: [{ level: 'family-therapy-hour', amountOre: 85_000 }],
  'dagverksamhet-aldre': [
    { level: 'day-activity', amountOre: 75_000 },
    { level: 'day-activity-dementia', amountOre: 95_000 },
  ],
  arbetsmarknadsinsatser: [{ level: 'participant-month', amountOre: 850_000 }],
  sysselsattning: [{ level: 'occupation-day', amountOre: 60_000 }],
  boendestod: [{ level: 'support-hour', amountOre: 52_000 }],
  'korttidsvistelse-lss': [
    { level: 'level-1', amountOre: 280_000 },
    { level: 'level-2', amountOre: 380_000 },
    { level: 'level-3', amountOre: 520_000 },
  ],
  'oppenvard-missbruk': [{ level: 'treatment-hour', amountOre: 90_000 }],
  'daglig-verksamhet-lss': [
    { level: 'level-1', amountOre: 40_000 },
    { level: 'level-2', amountOre: 60_000 },
    { level: 'level-3', amountOre: 85_000 },
    { level: 'level-4', amountOre: 120_000 },
    { level: 'level-5', amountOre: 170_000 },
  ],
  'ledsagar-avlosarservice-lss': [
    { level: 'escort-hour', amountOre: 33_000 },
    { level: 'relief-hour', amountOre: 36_000 },
  ],
  fotvardscheckar: [{ level: 'treatment-visit', amountOre: 25_000 }],
};
