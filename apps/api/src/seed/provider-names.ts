import { Ownership } from '@kundval/domain';

// Localities of Nacka, so the seeded names read like the real register without naming real firms.
const PLACES = [
  'Saltsjöbaden',
  'Fisksätra',
  'Sickla',
  'Älta',
  'Boo',
  'Orminge',
  'Järla',
  'Finntorp',
  'Henriksdal',
  'Duvnäs',
  'Björknäs',
  'Kummelnäs',
  'Velamsund',
  'Tollare',
  'Lännersta',
  'Ektorp',
  'Storängen',
  'Kvarnholmen',
  'Hästhagen',
  'Jarlaberg',
  'Skuru',
  'Insjön',
  'Myrsjö',
  'Eknäs',
  'Neglinge',
  'Tattby',
  'Igelboda',
  'Solsidan',
  'Rösunda',
  'Dalkarlsängen',
  'Lindalen',
  'Bagarsjön',
  'Gustavsvik',
  'Hedvigslund',
  'Sicklaön',
  'Danviken',
  'Vikdalen',
  'Mensätra',
  'Kocktorp',
  'Ormingeringen',
] as const;

// What each service is called in a provider's name.
const SERVICE_WORDS: Readonly<Record<string, string>> = {
  hemtjanst: 'Hemtjänst',
  'sarskilt-boende': 'Äldreboende',
  familjeradgivning: 'Familjerådgivning',
  familjebehandling: 'Familjebehandling',
  'dagverksamhet-aldre': 'Dagverksamhet',
  sysselsattning: 'Sysselsättning',
  boendestod: 'Boendestöd',
  'korttidsvistelse-lss': 'Korttidsvistelse',
  'oppenvard-missbruk': 'Öppenvård',
  'daglig-verksamhet-lss': 'Daglig verksamhet',
  forskola: 'Förskola',
  grundskola: 'Skola',
  gymnasieskola: 'Gymnasium',
  musikskola: 'Musikskola',
};

/**
 * A plausible, deterministic provider name: the `index`-th provider of an ownership in a scheme.
 * Distinct within a scheme and ownership for up to twice as many providers as there are places.
 */
export function seedProviderName(schemeId: string, ownership: Ownership, index: number): string {
  const service = SERVICE_WORDS[schemeId] ?? 'Omsorg';
  const place = PLACES[index % PLACES.length];
  const second = Math.floor(index / PLACES.length) % 2 === 1;
  switch (ownership) {
    case 'municipal':
      return `Nacka kommun, ${service} ${place}`;
    case 'non_profit':
      return second ? `${service} i ${place}, ideell förening` : `Stiftelsen ${service} ${place}`;
    case 'private':
      return second ? `${service} i ${place} AB` : `${place} ${service} AB`;
  }
}
