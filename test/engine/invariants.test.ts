/**
 * The engine's invariants on real PostgreSQL, for every hand-written case:
 * (a) up applied to old gives new; (b) down applied to new gives old;
 * (c) diff(new, new) and diff(old, old) are empty; (d) output is byte-identical
 * across runs. "Gives" means compareSnapshots finds no difference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type ScratchDb } from '../helpers/server.js';
import { execOnce } from '../../src/db/connect.js';
import { compareSnapshots, diffSnapshots, snapshotDatabase, type Snapshot } from '../../src/engine/index.js';
import { applyStatements } from '../../src/shadow/index.js';
import { splitStatements } from '../../src/source/index.js';
import { NO_TRANSACTION_DIRECTIVE } from '../../src/render/index.js';
import { CASES } from './cases.js';

const dbs: ScratchDb[] = [];
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
});

async function build(sql: string, label: string): Promise<ScratchDb> {
  const server = await testServer();
  const db = await server.scratch({ prefix: 'strata_eng' });
  dbs.push(db);
  await applyStatements(db.url, await splitStatements({ path: `${label}.sql`, text: sql }));
  return db;
}

/** One transaction, or statement by statement when the script carries the no-transaction directive. */
async function applyScript(db: ScratchDb, script: string): Promise<void> {
  if (!script.trim()) return;
  if (!script.startsWith(NO_TRANSACTION_DIRECTIVE)) return execOnce(db.url, script);
  for (const s of await splitStatements({ path: 'script.sql', text: script })) await execOnce(db.url, s.sql);
}

describe.each(CASES)('$name', (c) => {
  let oldDb: ScratchDb;
  let newDb: ScratchDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;

  beforeAll(async () => {
    [oldDb, newDb] = await Promise.all([build(c.old, 'old'), build(c.new, 'new')]);
    [oldSnap, newSnap] = await Promise.all([snapshotDatabase(oldDb.url), snapshotDatabase(newDb.url)]);
  });

  it('(a) up turns old into new, (b) down turns new back into old', async () => {
    const plan = diffSnapshots(oldSnap, newSnap);
    if (c.same) {
      expect(compareSnapshots(oldSnap, newSnap)).toEqual([]);
      expect(plan.up).toBe('');
      expect(plan.down).toBe('');
      return;
    }
    expect(plan.up).not.toBe('');
    for (const f of c.expectUp ?? []) expect(plan.up).toContain(f);
    for (const f of c.rejectUp ?? []) expect(plan.up).not.toContain(f);

    await applyScript(oldDb, plan.up);
    expect(compareSnapshots(await snapshotDatabase(oldDb.url), newSnap)).toEqual([]);
    await applyScript(newDb, plan.down);
    expect(compareSnapshots(await snapshotDatabase(newDb.url), oldSnap)).toEqual([]);
  });

  it('(c) a state diffed with itself is empty; (d) output is byte-identical', async () => {
    expect(diffSnapshots(newSnap, newSnap).up).toBe('');
    expect(diffSnapshots(oldSnap, oldSnap).up).toBe('');
    const again = diffSnapshots(structuredClone(oldSnap), structuredClone(newSnap));
    const first = diffSnapshots(oldSnap, newSnap);
    expect(again.up).toBe(first.up);
    expect(again.down).toBe(first.down);
    expect(JSON.stringify(again.steps)).toBe(JSON.stringify(first.steps));
  });
});
