import { SeededRandom } from './seeded-random';

/** The legal sex a personnummer shows (its ninth digit: odd for men, even for women). */
export type Sex = 'female' | 'male';

// Common Swedish first names of two generations, so a 90-year-old is not called Liam. Combined at
// random with common surnames: plausible, and naming no one in particular.
const FIRST_NAMES: Readonly<Record<'older' | 'younger', Readonly<Record<Sex, readonly string[]>>>> =
  {
    older: {
      female: [
        'Anna', 'Margareta', 'Elisabeth', 'Birgitta', 'Kerstin', 'Ingrid', 'Marianne', 'Gunilla',
        'Ulla', 'Barbro', 'Inger', 'Gun', 'Britt', 'Karin', 'Monica', 'Elsa', 'Astrid', 'Maj',
        'Solveig', 'Sonja', 'Gunnel', 'Ingegerd', 'Siv', 'Märta', 'Ruth', 'Dagny',
      ],
      male: [
        'Karl', 'Lars', 'Nils', 'Bengt', 'Sven', 'Gunnar', 'Stig', 'Rolf', 'Lennart', 'Bo',
        'Åke', 'Göran', 'Kjell', 'Leif', 'Bertil', 'Ingvar', 'Rune', 'Arne', 'Olle', 'Gösta',
        'Erik', 'Hans', 'Sture', 'Torsten', 'Evert', 'Harry',
      ],
    },
    younger: {
      female: [
        'Alice', 'Maja', 'Elsa', 'Ella', 'Wilma', 'Ebba', 'Olivia', 'Saga', 'Alva', 'Agnes',
        'Lilly', 'Astrid', 'Freja', 'Selma', 'Ellen', 'Vera', 'Nora', 'Signe', 'Alma', 'Ida',
        'Julia', 'Emma', 'Linnea', 'Klara', 'Hanna', 'Sara', 'Moa', 'Tove', 'Elin', 'Frida',
      ],
      male: [
        'William', 'Lucas', 'Liam', 'Oscar', 'Elias', 'Hugo', 'Alexander', 'Noah', 'Vincent',
        'Adam', 'Charlie', 'Nils', 'Leo', 'Axel', 'Theo', 'Ludvig', 'Isak', 'Viktor', 'Melvin',
        'Filip', 'Anton', 'Emil', 'Gustav', 'Albin', 'Jonathan', 'Oliver', 'Edvin', 'Olle',
        'Erik', 'Alfred',
      ],
    },
  };

const SURNAMES: readonly string[] = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson',
  'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Olofsson', 'Lindström', 'Lindqvist',
  'Lindgren', 'Axelsson', 'Berg', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist',
  'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg',
  'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman',
  'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist',
  'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson',
];

/** A plausible Swedish name for someone of `sex` born in `birthYear`, drawn from `random`. */
export function seedCitizenName(random: SeededRandom, sex: Sex, birthYear: number): string {
  const generation = birthYear < 1965 ? 'older' : 'younger';
  return `${random.pick(FIRST_NAMES[generation][sex])} ${random.pick(SURNAMES)}`;
}
