/**
 * A down migration that narrows what its up widened (integer → bigint up, bigint → integer down;
 * text → varchar(n); numeric → integer) is planned with the `narrowing` hazard and a note in the
 * down file: proven on the rows there were, it fails or loses data on rows that arrive after up.
 * Shown here on real rows; `-- @using-down` gives the conversion and lifts the hazard.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execOnce, queryOnce } from '../../src/db/connect.js';
import { compareSnapshots, diffSnapshots, type PlanStep } from '../../src/engine/index.js';
import { buildSnapshot } from '../../src/state/index.js';
import { testServer } from '../helpers/server.js';
import { applyScript, scratchBuilder } from './harness.js';

const build = scratchBuilder('strata_narrow');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-narrow-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OLD = `CREATE TABLE t (id int PRIMARY KEY, n integer, code varchar(5), amount integer);`;
const NEW = `CREATE TABLE t (id int PRIMARY KEY, n bigint, code text, amount numeric);`;
const ROWS = `INSERT INTO t SELECT g, g, 'c' || g, g FROM generate_series(1, 100) g;`;
const columnStep = (steps: PlanStep[], column: string) => steps.find((s) => s.kind === 'column' && s.objectId === `column:public.t.${column}`)!;

describe('narrowing type changes', () => {
  it('up widens without the hazard; down narrows with it and says so in the down file', async () => {
    const [a, b] = await Promise.all([build(OLD, 'old'), build(NEW, 'new')]);
    const plan = diffSnapshots(await a.snapshot(), await b.snapshot());
    for (const c of ['n', 'code', 'amount']) {
      expect(columnStep(plan.steps, c).hazards, `up ${c}`).not.toContain('narrowing');
      expect(columnStep(plan.downSteps, c).hazards, `down ${c}`).toEqual(expect.arrayContaining(['narrowing', 'data-loss']));
    }
    expect(plan.down).toContain('-- down narrows n from bigint back to integer: it fails (or truncates, rounds) on values rows gained after up; `-- @using-down <expression>` on the column gives the conversion');
    // A narrowing up (the desired state narrows) carries it too, without the down's note.
    const back = diffSnapshots(await b.snapshot(), await a.snapshot());
    expect(columnStep(back.steps, 'n').hazards).toContain('narrowing');
    expect(back.up).not.toContain('-- down narrows');
  });

  it('the hazard is real: after new rows the down fails (bigint), truncates (varchar) or rounds (numeric)', async () => {
    const [a, b] = await Promise.all([build(OLD + ROWS, 'old-rows'), build(NEW, 'new-empty')]);
    const from = await a.snapshot();
    const plan = diffSnapshots(from, await b.snapshot());
    await applyScript(a, plan.up);
    // Proven on today's rows, the down works ...
    const [x] = await Promise.all([build(OLD + ROWS, 'old-rows-2')]);
    await applyScript(x, plan.up);
    await applyScript(x, plan.down);
    expect(compareSnapshots(await x.snapshot(), from)).toEqual([]);
    expect((await queryOnce<{ n: string }>(x.url, 'SELECT count(*)::text AS n FROM t'))[0]!.n).toBe('100');
    // ... but not over a row that needs the wider type.
    await execOnce(a.url, `INSERT INTO t VALUES (1000, 5000000000, 'c1000', 1)`);
    await expect(applyScript(a, plan.down)).rejects.toThrow(/integer out of range/);
    await execOnce(a.url, `DELETE FROM t WHERE id = 1000; INSERT INTO t VALUES (1001, 1, 'longer than five', 2.5)`);
    await applyScript(a, plan.down);
    const [row] = await queryOnce<{ code: string; amount: number }>(a.url, 'SELECT code, amount FROM t WHERE id = 1001');
    expect(row).toEqual({ code: 'longe', amount: 3 });
  });

  it('`-- @using-down` gives the conversion: the down step uses it and has no narrowing hazard', async () => {
    const d = path.join(dir, 'hinted');
    await mkdir(d, { recursive: true });
    await writeFile(path.join(d, 't.sql'), `CREATE TABLE t (
  id int PRIMARY KEY,
  n bigint, -- @using-down least(n, 2147483647)::integer
  code text,
  amount numeric
);
`);
    const to = await buildSnapshot({ kind: 'schemaDir', dir: d }, (await testServer()).target);
    const a = await build(OLD + ROWS, 'old-hinted');
    const from = await a.snapshot();
    const plan = diffSnapshots(from, to);
    const down = columnStep(plan.downSteps, 'n');
    expect(down.sql).toBe('ALTER TABLE public.t ALTER COLUMN n TYPE integer USING least(n, 2147483647)::integer');
    expect(down.hazards).not.toContain('narrowing');
    expect(columnStep(plan.downSteps, 'code').hazards).toContain('narrowing');
    await applyScript(a, plan.up);
    await execOnce(a.url, `INSERT INTO t VALUES (1000, 5000000000, 'c', 1)`);
    await applyScript(a, plan.down);
    expect((await queryOnce<{ n: number }>(a.url, 'SELECT n FROM t WHERE id = 1000'))[0]!.n).toBe(2147483647);
    expect(compareSnapshots(await a.snapshot(), from)).toEqual([]);
  });
});
