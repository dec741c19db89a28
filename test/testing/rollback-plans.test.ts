/** Rollback and plan suites on fixture projects: a down that leaves residue fails with it; a changed plan fails with both plans. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollbackSuite } from '../../src/testing/suites/rollback.js';
import { annotatedQueries, plansSuite, type PlanRecord } from '../../src/testing/suites/plans.js';
import type pg from 'pg';
import { createHarness, type CaseResult, type Harness, type TestDatabase } from '../../src/testing/index.js';
import { queryOnce } from '../../src/db/connect.js';
import { loadConfig } from '../../src/config/index.js';
import { testServer } from '../helpers/server.js';
import { fixtureProject, ROLE, ROWS, type FixtureProject } from './fixture.js';

const byName = (cases: CaseResult[], name: string) => {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case named "${name}" among:\n${cases.map((x) => x.name).join('\n')}`);
  return c;
};

describe('rollback suite', () => {
  let project: FixtureProject;
  let cases: CaseResult[];
  beforeAll(async () => {
    project = await fixtureProject({
      'migrations/001_a.up.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
      'migrations/001_a.down.sql': 'DROP TABLE a;\n',
      'migrations/002_b.up.sql': 'ALTER TABLE a ADD COLUMN x int;\nCREATE INDEX a_x ON a (x);\n',
      'migrations/002_b.down.sql': 'ALTER TABLE a DROP COLUMN x;\n',
      'migrations/003_c.up.sql': 'CREATE TABLE c (id int);\nCREATE INDEX c_id ON c (id);\n',
      'migrations/003_c.down.sql': 'DROP INDEX c_id;\n',
    });
    cases = await rollbackSuite({
      server: (await testServer()).target,
      dir: `${project.root}/migrations`,
      seed: (url) => queryOnce(url, 'INSERT INTO a (id) SELECT generate_series(1, 50)').then(() => undefined),
    });
  });
  afterAll(() => project?.remove());

  it('passes a migration whose down inverts its up, and keeps the seeded rows through it', () => {
    expect(byName(cases, '002_b: up → down returns the previous catalog').status).toBe('passed');
    expect(byName(cases, '002_b: up → down → up equals up').status).toBe('passed');
    expect(byName(cases, '002_b: down keeps the seeded rows').status).toBe('passed');
    expect(byName(cases, '001_a: down keeps the seeded rows')).toMatchObject({ status: 'not generated', reason: expect.stringMatching(/no schema before the first migration|needs a schema/) });
  });

  it('fails a down that leaves an object behind, naming the residual difference', () => {
    const c = byName(cases, '003_c: up → down returns the previous catalog');
    expect(c.status).toBe('failed');
    expect(c.detail).toMatch(/table:public\.c/);
    // Its up no longer applies over the residue; the walk stops there.
    expect(byName(cases, '003_c: up → down → up equals up')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/does not apply again/) });
  });
});

describe('plans suite', () => {
  let project: FixtureProject;
  let h: Harness;
  let db: TestDatabase;
  let c: pg.Client;
  beforeAll(async () => {
    project = await fixtureProject({
      'queries/items.sql': `/* @name ItemsOfOrg */\n-- @uses items_org_idx\nSELECT id, qty FROM items WHERE org_id = :org! AND qty > 0;\n\n/* @name AllItems */\n-- @uses leaky_pkey\nSELECT id FROM leaky;\n\n/* @name NotAnnotated */\nSELECT 1 AS one;\n`,
    });
    h = await createHarness({ root: project.root, server: (await testServer()).target });
    // The suite only plans (each EXPLAIN in a rolled-back transaction), so every run shares one loaded, analysed clone.
    db = await h.database();
    c = await db.client();
    await c.query(ROWS);
    await c.query(`INSERT INTO orgs SELECT g, 'o' FROM generate_series(3, 200) g;
      INSERT INTO items (id, org_id, qty) SELECT g, 3 + g % 198, 1 + g % 7 FROM generate_series(10, 20000) g;
      INSERT INTO leaky SELECT g, 1 + g % 200 FROM generate_series(10, 20000) g; ANALYZE`);
  });
  afterAll(async () => {
    await db?.drop();
    await h?.dispose();
    await project?.remove();
  });

  async function run(recorded: PlanRecord, update = false) {
    const config = await loadConfig(project.root);
    const queries = await annotatedQueries(config.paths.queries, config.root);
    return { queries, ...(await plansSuite(c, queries, { tenancy: config.tenancy, tenant: '5', largeRows: 1000, recorded, update })) };
  }

  it('reads annotations through the scanner and plans as the tenancy role', async () => {
    const r = await run({}, true);
    expect(r.queries.map((q) => [q.name, q.uses])).toEqual([['ItemsOfOrg', ['items_org_idx']], ['AllItems', ['leaky_pkey']]]);
    expect(byName(r.cases, 'queries/items.sql#ItemsOfOrg uses items_org_idx').status).toBe('passed');
    expect(byName(r.cases, 'queries/items.sql#ItemsOfOrg reads no large table sequentially').status).toBe('passed');
    // Reading every row of a large table is a sequential scan, and not the index it claims.
    expect(byName(r.cases, 'queries/items.sql#AllItems uses leaky_pkey').status).toBe('failed');
    const seq = byName(r.cases, 'queries/items.sql#AllItems reads no large table sequentially');
    expect(seq.status).toBe('failed');
    expect(seq.reason).toMatch(/sequential scan of leaky/);
    expect(Object.keys(r.plans)).toEqual(['queries/items.sql#ItemsOfOrg', 'queries/items.sql#AllItems']);
    void ROLE;
  });

  it('fails a changed plan with the recorded and the new plan shown, and passes the recorded one', async () => {
    const first = await run({}, true);
    const same = await run(first.plans);
    expect(byName(same.cases, 'queries/items.sql#ItemsOfOrg keeps its recorded plan').status).toBe('passed');
    const missing = await run({});
    expect(byName(missing.cases, 'queries/items.sql#ItemsOfOrg keeps its recorded plan')).toMatchObject({ status: 'failed', reason: 'no plan recorded for this query' });
    const changed = await run({ ...first.plans, 'queries/items.sql#ItemsOfOrg': { node: 'Seq Scan', relation: 'items' } });
    const c = byName(changed.cases, 'queries/items.sql#ItemsOfOrg keeps its recorded plan');
    expect(c.status).toBe('failed');
    expect(c.detail).toMatch(/recorded plan:\nSeq Scan on items\nnew plan:\n.*items_org_idx/s);
  });
});
