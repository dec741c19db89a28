/**
 * The new kinds' migrations on tables that hold rows: storage, compression and
 * statistics settings, storage parameters, replica identity, rules, extended
 * statistics and publication row filters change without losing a row, both ways.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { queryOnce } from '../../src/db/connect.js';
import type { ScratchDb } from '../helpers/server.js';
import { applyScript, scratchBuilder, type CaseDb } from './harness.js';

const build = scratchBuilder('strata_rows');

const OLD = `
  CREATE TABLE doc (id int PRIMARY KEY, body text, score int NOT NULL);
  CREATE UNIQUE INDEX doc_score ON doc (id, score);
  CREATE PUBLICATION doc_pub FOR TABLE doc WHERE (score > 0);
  INSERT INTO doc SELECT g, repeat('x', 3000) || g, g FROM generate_series(1, 500) g;`;

const NEW = `
  CREATE TABLE doc (id int PRIMARY KEY, body text, score bigint NOT NULL) WITH (fillfactor = 60);
  CREATE UNIQUE INDEX doc_score ON doc (id, score);
  ALTER TABLE doc ALTER body SET STORAGE EXTERNAL, ALTER body SET COMPRESSION pglz, ALTER score SET STATISTICS 300,
    REPLICA IDENTITY USING INDEX doc_score;
  CREATE STATISTICS doc_stats ON body, score FROM doc;
  CREATE RULE doc_keep AS ON DELETE TO doc WHERE old.score > 400 DO INSTEAD NOTHING;
  CREATE PUBLICATION doc_pub FOR TABLE doc WHERE (score > 10);`;

async function rows(db: ScratchDb): Promise<{ n: number; total: number }> {
  const [r] = await queryOnce<{ n: string; total: string }>(db.url, 'SELECT count(*) AS n, sum(length(body)) AS total FROM doc');
  return { n: Number(r!.n), total: Number(r!.total) };
}

describe('table options, rules, statistics and publications with rows present', () => {
  let db: CaseDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;
  beforeAll(async () => {
    const target = await build(NEW, 'new');
    db = await build(OLD, 'old');
    [oldSnap, newSnap] = await Promise.all([db.snapshot(), target.snapshot()]);
  });

  it('up and down keep every row and converge', async () => {
    const before = await rows(db);
    expect(before.n).toBe(500);
    const plan = diffSnapshots(oldSnap, newSnap);
    await applyScript(db, plan.up);
    expect(compareSnapshots(await db.snapshot(), newSnap)).toEqual([]);
    expect(await rows(db)).toEqual(before);
    await applyScript(db, plan.down);
    expect(compareSnapshots(await db.snapshot(), oldSnap)).toEqual([]);
    expect(await rows(db)).toEqual(before);
  });
});
