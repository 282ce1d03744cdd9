import Database from 'better-sqlite3';
import { placementsProjection } from './placements.projection';
import { PlacementRow, RosterCounts, rosterCountStatements } from './roster-counts';

// The summed counts against real SQLite tables made from the placements projection's own DDL:
// what a batch adds and takes away is written once per row, and a roster day that no longer
// counts anything goes, as when every change is written through.

function tables() {
  const db = new Database(':memory:');
  for (const table of ['roster_days', 'roster_open'])
    db.exec(`CREATE TABLE ${table} (${placementsProjection.tables[table]})`);
  const statements = rosterCountStatements(db, (name) => name);
  return { db, statements };
}

const open = (from: string): PlacementRow => ({ providerId: 'p1', from, to: null, kind: 'c' });
const ended = (from: string, to: string): PlacementRow => ({
  providerId: 'p1',
  from,
  to,
  kind: 'c',
});

function rows(db: Database.Database) {
  return {
    days: db.prepare('SELECT day, starts, open_starts, ends FROM roster_days ORDER BY day').all(),
    open: db.prepare('SELECT provider_id, open FROM roster_open').all(),
  };
}

describe('roster counts summed over a batch', () => {
  it('writes the sum of many placements on the same days', () => {
    const { db, statements } = tables();
    const counts = new RosterCounts();
    for (let i = 0; i < 3; i++) counts.count('s', open('2025-08-18'), 1);
    counts.count('s', ended('2025-08-18', '2026-06-10'), 1);
    counts.write(statements);
    expect(rows(db)).toEqual({
      days: [
        { day: '2025-08-18', starts: 4, open_starts: 3, ends: 0 },
        { day: '2026-06-10', starts: 0, open_starts: 0, ends: 1 },
      ],
      open: [{ provider_id: 'p1', open: 3 }],
    });
  });

  it('leaves no row for a placement added and taken away in the same batch', () => {
    const { db, statements } = tables();
    const counts = new RosterCounts();
    counts.count('s', ended('2025-08-18', '2026-06-10'), 1);
    counts.count('s', open('2025-09-01'), 1);
    counts.count('s', ended('2025-08-18', '2026-06-10'), -1);
    counts.count('s', open('2025-09-01'), -1);
    counts.write(statements);
    expect(rows(db)).toEqual({ days: [], open: [] });
  });

  it('deletes the rows a later batch brings to zero, and keeps the rest', () => {
    const { db, statements } = tables();
    const counts = new RosterCounts();
    counts.count('s', open('2025-08-18'), 1);
    counts.count('s', ended('2025-08-18', '2026-06-10'), 1);
    counts.write(statements);
    // A switch: the open placement now ends on 2025-12-31.
    counts.count('s', open('2025-08-18'), -1);
    counts.count('s', ended('2025-08-18', '2025-12-31'), 1);
    counts.count('s', ended('2025-08-18', '2026-06-10'), -1);
    counts.write(statements);
    expect(rows(db)).toEqual({
      days: [
        { day: '2025-08-18', starts: 1, open_starts: 0, ends: 0 },
        { day: '2025-12-31', starts: 0, open_starts: 0, ends: 1 },
      ],
      open: [],
    });
  });
});
