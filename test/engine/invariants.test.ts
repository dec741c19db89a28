/**
 * The engine's invariants on real PostgreSQL, for every hand-written case:
 * (a) up applied to old gives new; (b) down applied to new gives old;
 * (c) diff(new, new) and diff(old, old) are empty; (d) output is byte-identical
 * across runs. "Gives" means compareSnapshots finds no difference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { CASES } from './cases.js';
import { scratchBuilder, applyScript, type CaseDb } from './harness.js';

const build = scratchBuilder('strata_eng');

describe.each(CASES)('$name', (c) => {
  let oldDb: CaseDb;
  let newDb: CaseDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;

  beforeAll(async () => {
    [oldDb, newDb] = await Promise.all([build(c.old, 'old'), build(c.new, 'new')]);
    [oldSnap, newSnap] = await Promise.all([oldDb.snapshot(), newDb.snapshot()]);
  });
  // Released as the case ends: each holds a snapshot connection.
  afterAll(() => Promise.all([oldDb?.drop(), newDb?.drop()]));

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
    expect(compareSnapshots(await oldDb.snapshot(), newSnap)).toEqual([]);
    await applyScript(newDb, plan.down);
    expect(compareSnapshots(await newDb.snapshot(), oldSnap)).toEqual([]);
  });

  it('(e) every object of both states is modelled: none is reported as not managed', () => {
    expect(oldSnap.unmanaged ?? []).toEqual([]);
    expect(newSnap.unmanaged ?? []).toEqual([]);
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
