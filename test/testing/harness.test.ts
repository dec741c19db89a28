/**
 * The harness on a project of its own (test/testing/fixture.ts): per-test clones,
 * the helpers, and each generated suite both passing and failing where it must.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { snapshotDatabase } from '../../src/state/index.js';
import { readCatalogFacts } from '../../src/testing/catalog.js';
import { constraintsSuite } from '../../src/testing/suites/constraints.js';
import { fkIndexesSuite } from '../../src/testing/suites/fk-indexes.js';
import { rlsSuite } from '../../src/testing/suites/rls.js';
import { enumsOf, tablesOf, type TableInfo } from '../../src/testing/tables.js';
import { createHarness, dropSharedTemplates, expectRejected, ExpectationError, junitXml, summaryText, type CaseResult, type Harness } from '../../src/testing/index.js';
import { loadConfig } from '../../src/config/index.js';
import { testServer } from '../helpers/server.js';
import { fixtureProject, ROLE, ROWS, type FixtureProject } from './fixture.js';

let project: FixtureProject;
let h: Harness;

beforeAll(async () => {
  project = await fixtureProject();
  h = await createHarness({ root: project.root, server: (await testServer()).target });
});

afterAll(async () => {
  await h?.dispose();
  await project?.remove();
});

const byName = (cases: CaseResult[], name: string) => {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case named "${name}" among:\n${cases.map((x) => x.name).join('\n')}`);
  return c;
};

describe('templates shared by a test run', () => {
  it('builds one template per input for all harnesses of a run (also when they start together), and drops them with the run', async () => {
    const server = (await testServer()).target;
    // This worker as the run: alive while the test runs, so no leftover sweep takes its templates.
    const run = String(process.pid);
    const { queryOnce } = await import('../../src/db/connect.js');
    const templatesOf = () => queryOnce<{ datname: string }>(server.adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1`, [`strata\\_scratch\\_tpl\\_%\\_${run}\\_%`]);
    try {
      const [a, b] = await Promise.all([0, 1].map(() => createHarness({ root: project.root, server, shared: run })));
      expect(a!.template).toBe(b!.template);
      expect(a!.snapshot).toEqual(b!.snapshot);
      expect(a!.snapshot).toEqual(h.snapshot);
      const c = await createHarness({ root: project.root, server, shared: run, analyze: true });
      expect(c.template).not.toBe(a!.template);
      expect((await templatesOf()).map((r) => r.datname).sort()).toEqual([a!.template, c.template].sort());
      // dispose() leaves a shared template to the run; a clone of it works as any other.
      await a!.dispose();
      await b!.withDatabase(async (db) => {
        const cl = await db.client();
        expect((await cl.query('SELECT count(*)::int AS n FROM orgs')).rows[0].n).toBe(0);
      });
      expect(await dropSharedTemplates(server, run)).toBe(2);
      expect(await templatesOf()).toEqual([]);
    } finally {
      await dropSharedTemplates(server, run);
    }
  });
});

describe('per-test databases', () => {
  it('clones the template: writes in one clone are not seen by the next, and drop removes it', async () => {
    const a = await h.database();
    const ca = await a.client();
    await ca.query(`INSERT INTO orgs VALUES (9, 'nine')`);
    const b = await h.database();
    const cb = await b.client();
    expect((await cb.query('SELECT count(*)::int AS n FROM orgs')).rows[0].n).toBe(0);
    await a.drop();
    await b.drop();
    const admin = await (await testServer()).target;
    const { queryOnce } = await import('../../src/db/connect.js');
    const left = await queryOnce<{ n: number }>(admin.adminUrl, 'SELECT count(*)::int AS n FROM pg_database WHERE datname = ANY($1)', [[a.name, b.name]]);
    expect(left[0]!.n).toBe(0);
  });

  it('drops the clone when the test body throws', async () => {
    let name = '';
    await expect(h.withDatabase(async (db) => {
      name = db.name;
      throw new Error('boom');
    })).rejects.toThrow('boom');
    const { queryOnce } = await import('../../src/db/connect.js');
    const left = await queryOnce<{ n: number }>((await testServer()).target.adminUrl, 'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [name]);
    expect(left[0]!.n).toBe(0);
  });
});

describe('helpers', () => {
  it('asRole sets the role and the configured tenant setting transaction-locally; expectRejected checks SQLSTATE and constraint', async () => {
    await h.withDatabase(async (db) => {
      const c = await db.client();
      await c.query(ROWS);
      const seen = await h.asRole(c, ROLE, { tenant: '1' }, async () => {
        const r = await c.query<{ role: string; n: number }>(`SELECT current_user AS role, count(*)::int AS n FROM items`);
        // Inside the transaction a rejected statement leaves it usable (savepoint).
        await expectRejected(c, `INSERT INTO items VALUES (10, 1, 0, 'z')`, { sqlstate: '23514', constraint: 'items_qty_check' });
        await expectRejected(c, `DELETE FROM orgs`, { sqlstate: '42501' });
        return r.rows[0];
      });
      expect(seen).toEqual({ role: ROLE, n: 2 });
      // Rolled back: back to the connecting role, no setting left.
      const after = await c.query<{ role: string; t: string | null }>(`SELECT current_user AS role, current_setting('t.tenant', true) AS t`);
      expect(after.rows[0]!.role).not.toBe(ROLE);
      expect(after.rows[0]!.t ?? '').toBe('');
      await expect(expectRejected(c, `SELECT 1`)).rejects.toBeInstanceOf(ExpectationError);
      await expect(expectRejected(c, `INSERT INTO items VALUES (1, 1, 1, 'dup')`, { sqlstate: '23505', constraint: 'items_qty_check' })).rejects.toThrow(/items_pkey/);
    });
  });

  it('explain returns the plan tree: usesIndex, hasSeqScanOn, prunedTo', async () => {
    await h.withDatabase(async (db) => {
      const c = await db.client();
      await c.query(`CREATE TABLE ev (at date NOT NULL, v int) PARTITION BY RANGE (at);
        CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
        CREATE TABLE ev_2 PARTITION OF ev FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');`);
      await c.query('BEGIN');
      await c.query('SET LOCAL enable_seqscan = off');
      const byOrg = await h.explain(c, 'SELECT * FROM items WHERE org_id = $1', [1]);
      await c.query('ROLLBACK');
      expect(byOrg.usesIndex('items_org_idx')).toBe(true);
      expect(byOrg.hasSeqScanOn('items')).toBe(false);
      const all = await h.explain(c, 'SELECT * FROM items');
      expect(all.hasSeqScanOn('items')).toBe(true);
      const jan = await h.explain(c, `SELECT * FROM ev WHERE at >= '2026-01-05' AND at < '2026-01-09'`);
      expect(jan.prunedTo(['ev_1'])).toBe(true);
      expect(jan.prunedTo(['ev_1', 'ev_2'])).toBe(false);
      expect(jan.hasSeqScanOn('ev')).toBe(true);
      const both = await h.explain(c, `SELECT * FROM ev`);
      expect(both.prunedTo(['ev_1', 'ev_2'])).toBe(true);
    });
  });
});

describe('generated suites on the fixture project', () => {
  let cases: { constraints: CaseResult[]; rls: CaseResult[]; fk: CaseResult[]; leaks: number; cells: number; leftBehind: number };
  let tables: TableInfo[];

  beforeAll(async () => {
    const config = await loadConfig(project.root);
    cases = await h.withDatabase(async (db) => {
      const c = await db.client();
      await c.query(ROWS);
      tables = tablesOf(h.snapshot, await readCatalogFacts(c, ['public']));
      const rls = await rlsSuite(c, tables, config.tenancy!);
      const constraints = await constraintsSuite(c, tables, { enums: enumsOf(h.snapshot) });
      const left = await c.query<{ n: number }>('SELECT (SELECT count(*) FROM empty_table) + (SELECT count(*) FROM empty_child) AS n');
      return {
        constraints,
        leftBehind: Number(left.rows[0]!.n),
        rls: rls.cases,
        fk: await fkIndexesSuite(c, tables),
        leaks: rls.facts.leaks,
        cells: rls.facts.cells,
      };
    });
  });

  it('constraints: a valid row is accepted and each constraint rejects a row breaking only it', () => {
    for (const n of [
      'public.items accepts a valid row',
      'public.items CHECK items_qty_check',
      'public.items CHECK items_span_check',
      'public.items FOREIGN KEY items_org_id_fkey',
      'public.items UNIQUE items_code_key',
      'public.items PRIMARY KEY items_pkey',
      'public.items NOT NULL qty',
    ]) expect(byName(cases.constraints, n).status, n).toBe('passed');
  });

  it('constraints: a CHECK a trigger quietly repairs fails, with the statement', () => {
    const c = byName(cases.constraints, 'public.repaired CHECK repaired_n_check');
    expect(c.status).toBe('failed');
    expect(c.reason).toMatch(/expected SQLSTATE 23514 from repaired_n_check, but the row was accepted/);
    expect(c.statement).toMatch(/^INSERT INTO public\.repaired/);
  });

  it('constraints: a table the seed leaves empty gets a synthesised row, its child one referencing it; both are removed afterwards', () => {
    for (const n of [
      'public.empty_table accepts a valid row',
      'public.empty_table CHECK empty_table_v_check',
      'public.empty_table PRIMARY KEY empty_table_pkey',
      'public.empty_child accepts a valid row',
      'public.empty_child FOREIGN KEY empty_child_parent_id_fkey',
      'public.empty_child CHECK empty_child_kind_check',
      'public.empty_child NOT NULL kind',
    ]) expect(byName(cases.constraints, n).status, n).toBe('passed');
    expect(cases.leftBehind).toBe(0);
  });

  it('constraints: an empty partitioned table gets a row its partition takes; NULL in the key is refused by routing, so its NOT NULL is not generated', () => {
    expect(byName(cases.constraints, 'public.empty_parted accepts a valid row').status).toBe('passed');
    expect(byName(cases.constraints, 'public.empty_parted NOT NULL id').status).toBe('passed');
    expect(byName(cases.constraints, 'public.empty_parted NOT NULL day')).toMatchObject({ status: 'not generated', reason: expect.stringMatching(/partition key of public\.empty_parted/) });
  });

  it('constraints: a table no row can be synthesised for is "not generated" with the reason, never skipped silently', () => {
    const c = byName(cases.constraints, 'public.impossible PRIMARY KEY impossible_pkey');
    expect(c).toMatchObject({ status: 'not generated', reason: expect.stringMatching(/no row of public\.impossible .*none synthesised: no synthesised row satisfies impossible_v_check/) });
  });

  it('rls without any seed row: two synthesised tenants fill the same matrix, the well-built table passes, and the rows go afterwards', async () => {
    const config = await loadConfig(project.root);
    const r = await h.withDatabase(async (db) => {
      const c = await db.client();
      const found = await rlsSuite(c, tablesOf(h.snapshot, await readCatalogFacts(c, ['public'])), config.tenancy!, { enums: enumsOf(h.snapshot) });
      const left = await c.query<{ n: number }>('SELECT (SELECT count(*) FROM orgs) + (SELECT count(*) FROM items) AS n');
      return { ...found, left: Number(left.rows[0]!.n) };
    });
    expect(r.facts.cells).toBe(48);
    for (const ctx of ['own tenant', 'other tenant', 'no context']) {
      for (const cmd of ['SELECT', 'INSERT', 'UPDATE', 'DELETE']) expect(byName(r.cases, `public.items ${ROLE} ${cmd} ${ctx}`).status, `${cmd} ${ctx}`).toBe('passed');
    }
    expect(byName(r.cases, `public.open_policy ${ROLE} SELECT other tenant`).status).toBe('failed');
    expect(r.cases.filter((x) => x.status === 'not generated')).toEqual([]);
    expect(r.left).toBe(0);
  });

  it('rls: the well-built table has no leak; the policy ignoring the tenant leaks and fails', () => {
    expect(byName(cases.rls, `public.items ${ROLE} SELECT other tenant`).status).toBe('passed');
    expect(byName(cases.rls, `public.items ${ROLE} DELETE other tenant`).status).toBe('passed');
    expect(byName(cases.rls, `public.items ${ROLE} SELECT own tenant`).status).toBe('passed');
    const leak = byName(cases.rls, `public.open_policy ${ROLE} SELECT other tenant`);
    expect(leak.status).toBe('failed');
    expect(leak.reason).toMatch(/row\(s\) of another tenant visible/);
    expect(byName(cases.rls, `public.open_policy ${ROLE} UPDATE no context`).status).toBe('failed');
    expect(byName(cases.rls, 'public.open_policy policy open_policy_all reads the tenant column').status).toBe('failed');
    expect(cases.leaks).toBeGreaterThan(0);
    // 4 tables x 1 role x 4 commands x 3 contexts.
    expect(cases.cells).toBe(48);
  });

  it('rls: an own-tenant write the tenant-only policy admits must reach the row; a blocked one fails, a clean one passes', () => {
    const blocked = byName(cases.rls, `public.frozen ${ROLE} UPDATE own tenant`);
    expect(blocked.status).toBe('failed');
    expect(blocked.reason).toMatch(/refused by row-level security .* although policy frozen_edit admits it on org_id alone/);
    expect(byName(cases.rls, `public.frozen ${ROLE} UPDATE other tenant`).status).toBe('passed');
    expect(byName(cases.rls, `public.items ${ROLE} UPDATE own tenant`).status).toBe('passed');
    expect(byName(cases.rls, `public.items ${ROLE} DELETE own tenant`).status).toBe('passed');
  });

  it('rls: a table with the tenant column but no forced RLS fails', () => {
    const c = byName(cases.rls, 'public.leaky has row-level security enabled and forced');
    expect(c.status).toBe('failed');
    expect(c.reason).toMatch(/row-level security is off/);
  });

  it('fk-indexes: an FK with a leading index passes, one without fails with the index to create', () => {
    expect(byName(cases.fk, 'public.items items_org_id_fkey (org_id) has an index').status).toBe('passed');
    const c = byName(cases.fk, 'public.leaky leaky_org_id_fkey (org_id) has an index');
    expect(c.status).toBe('failed');
    expect(c.statement).toBe('CREATE INDEX ON public.leaky (org_id)');
  });

  it('reports: summary table and JUnit XML carry the failures', () => {
    const results = [{ suite: 'rls' as const, cases: cases.rls, facts: { leaks: cases.leaks }, elapsedMs: 1 }];
    const text = summaryText(results);
    expect(text).toMatch(/^suite\s+generated\s+passed\s+failed\s+not generated/);
    expect(text).toMatch(/FAIL \[rls\] public.open_policy/);
    const xml = junitXml(results);
    expect(xml).toMatch(/<testsuite name="rls" tests="\d+" failures="[1-9]\d*"/);
    expect(xml).toMatch(/<failure message="/);
  });
});

describe('constraints suite on a key WITHOUT OVERLAPS (no seed)', () => {
  it('expects the exclusion SQLSTATE 23P01 for its duplicate, as PostgreSQL enforces it through exclusion', async () => {
    const server = await testServer();
    const db = await server.scratch({ prefix: 'strata_overlaps' });
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(`CREATE EXTENSION btree_gist;
        CREATE TABLE booking (room int, during tstzrange, CONSTRAINT booking_pk PRIMARY KEY (room, during WITHOUT OVERLAPS))`);
      const tables = tablesOf(await snapshotDatabase(db.url), await readCatalogFacts(c, ['public']));
      const cases = await constraintsSuite(c, tables, { enums: new Map() });
      expect(byName(cases, 'public.booking PRIMARY KEY booking_pk').status).toBe('passed');
      expect(byName(cases, 'public.booking accepts a valid row').status).toBe('passed');
    } finally {
      await c.end();
      await db.drop();
    }
  });
});
