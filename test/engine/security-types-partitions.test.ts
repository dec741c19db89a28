/**
 * Row-level security and policies, domains, composite and range types,
 * privileges (GRANT, default privileges, ownership) and partitioning, on real
 * PostgreSQL. Each case checks the invariants: (a) up turns old into new, (b) down
 * turns new into old, (c) a state diffed with itself is empty, (d) output is
 * byte-identical across runs; fragments pin ALTER-in-place where PostgreSQL allows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from '../helpers/server.js';
import { execOnce } from '../../src/db/connect.js';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { scratchBuilder, applyScript, expectInOrder, type CaseDb } from './harness.js';

interface Case {
  name: string;
  old: string;
  new: string;
  /** Fragments the up script must contain. */
  expectUp?: string[];
  /** Fragments the up script must contain in this order. */
  expectOrder?: string[];
  rejectUp?: string[];
  expectDown?: string[];
  includeOwnership?: boolean;
}

// Roles are cluster-wide: created idempotently, with this suite's prefix, never dropped.
const ROLES = ['strata_e2b_reader', 'strata_e2b_writer', 'strata_e2b_owner'];

const CASES: Case[] = [
  {
    name: 'RLS: enable, force, permissive and restrictive policies with roles, USING and WITH CHECK',
    old: `CREATE TABLE t (id int, tenant text, owner_name text);`,
    new: `
      CREATE TABLE t (id int, tenant text, owner_name text);
      ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      ALTER TABLE t FORCE ROW LEVEL SECURITY;
      CREATE POLICY p_read ON t FOR SELECT TO strata_e2b_reader, strata_e2b_writer USING (tenant = current_setting('app.tenant'));
      CREATE POLICY p_write ON t AS RESTRICTIVE FOR INSERT TO strata_e2b_writer WITH CHECK (owner_name = current_user);
      CREATE POLICY p_all ON t USING (true);
      COMMENT ON POLICY p_all ON t IS 'everyone';`,
    expectUp: ['CREATE POLICY p_all ON public.t AS PERMISSIVE FOR ALL TO PUBLIC USING (true)', 'ENABLE ROW LEVEL SECURITY', 'FORCE ROW LEVEL SECURITY'],
    expectDown: ['DISABLE ROW LEVEL SECURITY', 'NO FORCE ROW LEVEL SECURITY', 'DROP POLICY'],
  },
  {
    name: 'policy roles, USING and WITH CHECK change in place; command and restrictiveness recreate',
    old: `
      CREATE TABLE t (id int, tenant text);
      ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p1 ON t FOR UPDATE TO strata_e2b_reader USING (id > 0) WITH CHECK (id > 0);
      CREATE POLICY p2 ON t FOR SELECT USING (id > 0);
      CREATE POLICY p3 ON t FOR SELECT USING (id > 0);`,
    new: `
      CREATE TABLE t (id int, tenant text);
      ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p1 ON t FOR UPDATE TO strata_e2b_reader, strata_e2b_writer USING (id > 1) WITH CHECK (tenant IS NOT NULL);
      CREATE POLICY p2 ON t FOR DELETE USING (id > 0);
      CREATE POLICY p3 ON t AS RESTRICTIVE FOR SELECT USING (id > 0);`,
    expectUp: ['ALTER POLICY p1 ON public.t TO strata_e2b_reader, strata_e2b_writer USING ((id > 1)) WITH CHECK ((tenant IS NOT NULL))', 'DROP POLICY p2', 'CREATE POLICY p2'],
    rejectUp: ['DROP POLICY p1'],
  },
  {
    name: 'add a column under an RLS policy and a view',
    old: `CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE VIEW v AS SELECT id FROM t;`,
    new: `
      CREATE TABLE t (id int PRIMARY KEY, tenant varchar(10));
      ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY by_tenant ON t USING (tenant = current_user);
      CREATE VIEW v AS SELECT id, tenant FROM t;`,
    expectUp: ['ADD COLUMN tenant character varying(10)', 'CREATE POLICY by_tenant'],
  },
  {
    name: 'then change its type: the policy and the view are dropped and recreated around it',
    old: `
      CREATE TABLE t (id int PRIMARY KEY, tenant varchar(10));
      ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY by_tenant ON t USING (tenant = current_user);
      GRANT SELECT ON t TO strata_e2b_reader;
      CREATE VIEW v AS SELECT id, tenant FROM t;
      GRANT SELECT ON v TO strata_e2b_reader;`,
    new: `
      CREATE TABLE t (id int PRIMARY KEY, tenant text);
      ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY by_tenant ON t USING (tenant = current_user);
      GRANT SELECT ON t TO strata_e2b_reader;
      CREATE VIEW v AS SELECT id, tenant FROM t;
      GRANT SELECT ON v TO strata_e2b_reader;`,
    expectOrder: ['DROP POLICY by_tenant', 'ALTER COLUMN tenant TYPE text', 'CREATE POLICY by_tenant'],
    expectUp: ['DROP VIEW public.v', 'CREATE VIEW public.v', 'GRANT SELECT ON TABLE public.v TO strata_e2b_reader'],
    rejectUp: ['DROP TABLE', 'ON TABLE public.t'],
  },
  {
    name: 'domains: default, NOT NULL, named and NOT VALID checks, collation, altered in place',
    old: `
      CREATE DOMAIN d_pos AS int CONSTRAINT d_pos_min CHECK (VALUE > 0);
      CREATE DOMAIN d_name AS text COLLATE "C" DEFAULT 'x';
      CREATE DOMAIN d_gone AS numeric(10,2);
      CREATE TABLE t (a d_pos, b d_name);`,
    new: `
      CREATE DOMAIN d_pos AS int NOT NULL DEFAULT 1 CONSTRAINT d_pos_min CHECK (VALUE >= 1) CONSTRAINT d_pos_max CHECK (VALUE < 1000);
      ALTER DOMAIN d_pos ADD CONSTRAINT d_pos_even CHECK (VALUE % 2 = 0) NOT VALID;
      CREATE DOMAIN d_name AS text COLLATE "C";
      CREATE DOMAIN d_new AS varchar(20)[];
      COMMENT ON DOMAIN d_new IS 'list';
      CREATE TABLE t (a d_pos, b d_name, c d_new);`,
    expectUp: ['ALTER DOMAIN public.d_pos SET DEFAULT 1', 'ALTER DOMAIN public.d_pos SET NOT NULL', 'DROP CONSTRAINT d_pos_min', 'ADD CONSTRAINT d_pos_even CHECK (((VALUE % 2) = 0)) NOT VALID', 'ALTER DOMAIN public.d_name DROP DEFAULT'],
    rejectUp: ['DROP DOMAIN public.d_pos', 'DROP DOMAIN public.d_name', 'DROP COLUMN'],
  },
  {
    name: 'domain base type change converts the columns using it, under a view',
    old: `CREATE DOMAIN d AS int CHECK (VALUE > 0); CREATE TABLE t (id int, v d DEFAULT 1, vs d[]); CREATE VIEW w AS SELECT v FROM t;`,
    new: `CREATE DOMAIN d AS bigint CHECK (VALUE > 0); CREATE TABLE t (id int, v d DEFAULT 1, vs d[]); CREATE VIEW w AS SELECT v FROM t;`,
    expectOrder: ['DROP VIEW public.w', 'ALTER DOMAIN public.d RENAME TO d__strata_old', 'CREATE DOMAIN public.d AS bigint', 'ALTER COLUMN v TYPE public.d USING v::bigint::public.d', 'ALTER COLUMN vs TYPE public.d[] USING vs::bigint[]::public.d[]', 'DROP DOMAIN public.d__strata_old', 'CREATE VIEW public.w'],
    rejectUp: ['DROP COLUMN'],
  },
  {
    name: 'domain base type change under a domain and a function argument recreates it with its dependents',
    old: `CREATE DOMAIN d AS int; CREATE DOMAIN dd AS d; CREATE FUNCTION f(x d) RETURNS int LANGUAGE sql AS $$ SELECT x $$;`,
    new: `CREATE DOMAIN d AS bigint; CREATE DOMAIN dd AS d; CREATE FUNCTION f(x d) RETURNS int LANGUAGE sql AS $$ SELECT x::int $$;`,
    expectOrder: ['DROP DOMAIN public.d;', 'CREATE DOMAIN public.d AS bigint', 'CREATE DOMAIN public.dd AS public.d', 'FUNCTION public.f(x public.d)'],
  },
  {
    name: 'composite types: add, drop and retype attributes in place; reorder recreates',
    old: `
      CREATE TYPE pair AS (a int, b text, c int);
      CREATE TYPE ord AS (x int, y int);
      CREATE FUNCTION mk() RETURNS pair LANGUAGE sql AS $$ SELECT 1, 'x', 2 $$;`,
    new: `
      CREATE TYPE pair AS (a bigint, c int, d text COLLATE "C");
      CREATE TYPE ord AS (y int, x int);
      COMMENT ON TYPE ord IS 'swapped';
      CREATE FUNCTION mk() RETURNS pair LANGUAGE sql AS $$ SELECT 1::bigint, 2, 'x' $$;`,
    expectUp: ['ALTER TYPE public.pair DROP ATTRIBUTE b, ALTER ATTRIBUTE a TYPE bigint, ADD ATTRIBUTE d text COLLATE pg_catalog."C"', 'DROP TYPE public.ord', 'CREATE TYPE public.ord AS (y integer, x integer)'],
  },
  {
    name: 'composite type stored in a column: attributes added and dropped in place, retyped by recreation',
    old: `CREATE TYPE c1 AS (a int, b text); CREATE TYPE c2 AS (a int); CREATE TABLE t (x c1, y c2[]);`,
    new: `CREATE TYPE c1 AS (a int, d int); CREATE TYPE c2 AS (a bigint); CREATE TABLE t (x c1, y c2[]);`,
    expectUp: ['ALTER TYPE public.c1 DROP ATTRIBUTE b, ADD ATTRIBUTE d integer', 'DROP TYPE public.c2', 'CREATE TYPE public.c2 AS (a bigint)', 'ADD COLUMN y public.c2[]'],
  },
  {
    name: 'range types',
    old: `CREATE TYPE r1 AS RANGE (SUBTYPE = int4);`,
    new: `
      CREATE TYPE r1 AS RANGE (SUBTYPE = int8);
      CREATE TYPE r2 AS RANGE (SUBTYPE = text, COLLATION = "C", MULTIRANGE_TYPE_NAME = r2_multi);
      CREATE TABLE t (a r2);`,
    expectUp: ['DROP TYPE public.r1', 'CREATE TYPE public.r2 AS RANGE (SUBTYPE = text, COLLATION = pg_catalog."C", MULTIRANGE_TYPE_NAME = public.r2_multi)'],
  },
  {
    name: 'grants on schemas, tables, columns, sequences, functions and types, with grant option',
    old: `
      CREATE SCHEMA app;
      CREATE TABLE app.t (id int, secret text);
      CREATE SEQUENCE app.s;
      CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql AS $$ SELECT $1 $$;
      CREATE TYPE app.e AS ENUM ('a');
      GRANT SELECT, INSERT ON app.t TO strata_e2b_writer;
      GRANT UPDATE (secret) ON app.t TO strata_e2b_reader;`,
    new: `
      CREATE SCHEMA app;
      CREATE TABLE app.t (id int, secret text);
      CREATE SEQUENCE app.s;
      CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql AS $$ SELECT $1 $$;
      CREATE TYPE app.e AS ENUM ('a');
      CREATE DOMAIN app.d AS int;
      GRANT USAGE ON SCHEMA app TO strata_e2b_reader WITH GRANT OPTION;
      GRANT SELECT ON app.t TO strata_e2b_writer WITH GRANT OPTION;
      GRANT DELETE ON app.t TO strata_e2b_writer;
      GRANT SELECT (id), UPDATE (id) ON app.t TO strata_e2b_reader;
      GRANT USAGE, SELECT ON SEQUENCE app.s TO strata_e2b_writer;
      REVOKE EXECUTE ON FUNCTION app.f(int) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.f(int) TO strata_e2b_reader;
      REVOKE USAGE ON TYPE app.e FROM PUBLIC;
      REVOKE USAGE ON DOMAIN app.d FROM PUBLIC;`,
    expectUp: [
      'REVOKE INSERT ON TABLE app.t FROM strata_e2b_writer',
      'GRANT SELECT ON TABLE app.t TO strata_e2b_writer WITH GRANT OPTION',
      'REVOKE UPDATE (secret) ON TABLE app.t FROM strata_e2b_reader',
      'GRANT SELECT (id), UPDATE (id) ON TABLE app.t TO strata_e2b_reader',
      'GRANT USAGE ON SCHEMA app TO strata_e2b_reader WITH GRANT OPTION',
      'REVOKE EXECUTE ON FUNCTION app.f(integer) FROM PUBLIC',
      'REVOKE USAGE ON DOMAIN app.d FROM PUBLIC',
    ],
    expectDown: ['GRANT EXECUTE ON FUNCTION app.f(integer) TO PUBLIC'],
  },
  {
    name: 'explicit grants equal to the defaults are no change',
    old: `CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE TYPE e AS ENUM ('a');`,
    new: `
      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE TYPE e AS ENUM ('a');
      REVOKE ALL ON FUNCTION f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION f() TO PUBLIC;
      GRANT USAGE ON TYPE e TO PUBLIC;
      CREATE TABLE t (a int);`,
    expectUp: ['CREATE TABLE public.t'],
    rejectUp: ['GRANT', 'REVOKE'],
  },
  {
    name: 'ALTER DEFAULT PRIVILEGES: global and per schema, including PUBLIC EXECUTE',
    old: `CREATE SCHEMA app;`,
    new: `
      CREATE SCHEMA app;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_e2b_owner IN SCHEMA app GRANT SELECT ON TABLES TO strata_e2b_reader;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_e2b_owner GRANT USAGE ON SEQUENCES TO strata_e2b_writer WITH GRANT OPTION;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_e2b_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
      CREATE TABLE app.t (a int);`,
    expectOrder: [
      'CREATE TABLE app.t',
      'ALTER DEFAULT PRIVILEGES FOR ROLE strata_e2b_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC',
      'ALTER DEFAULT PRIVILEGES FOR ROLE strata_e2b_owner GRANT USAGE ON SEQUENCES TO strata_e2b_writer WITH GRANT OPTION',
      'ALTER DEFAULT PRIVILEGES FOR ROLE strata_e2b_owner IN SCHEMA app GRANT SELECT ON TABLES TO strata_e2b_reader',
    ],
    expectDown: ['ALTER DEFAULT PRIVILEGES FOR ROLE strata_e2b_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC'],
  },
  {
    name: 'a new table starts with the default privileges in force, and drops the ones it revoked',
    old: `
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO strata_e2b_reader;
      ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`,
    new: `
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO strata_e2b_reader;
      ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
      CREATE TABLE secrets (id int);
      REVOKE SELECT ON secrets FROM strata_e2b_reader;
      CREATE TABLE open_data (id int);
      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
      CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
      GRANT EXECUTE ON FUNCTION g() TO PUBLIC;`,
    expectUp: ['REVOKE SELECT ON TABLE public.secrets FROM strata_e2b_reader', 'GRANT EXECUTE ON FUNCTION public.g() TO PUBLIC'],
    rejectUp: ['ON TABLE public.open_data', 'ON FUNCTION public.f()'],
  },
  {
    name: 'default privileges dropped in the same plan do not apply to its new tables',
    old: `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO strata_e2b_reader;`,
    new: `CREATE TABLE t (id int); GRANT SELECT ON t TO strata_e2b_reader;`,
    expectOrder: ['IN SCHEMA public REVOKE SELECT ON TABLES FROM strata_e2b_reader', 'CREATE TABLE public.t', 'GRANT SELECT ON TABLE public.t TO strata_e2b_reader'],
  },
  {
    name: 'ownership is diffed only when asked',
    old: `CREATE SCHEMA app; CREATE TABLE app.t (a int); CREATE VIEW app.v AS SELECT a FROM app.t; CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`,
    new: `
      CREATE SCHEMA app; CREATE TABLE app.t (a int); CREATE VIEW app.v AS SELECT a FROM app.t; CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
      ALTER TABLE app.t OWNER TO strata_e2b_owner; ALTER VIEW app.v OWNER TO strata_e2b_owner;
      ALTER FUNCTION app.f() OWNER TO strata_e2b_owner; ALTER SCHEMA app OWNER TO strata_e2b_owner;
      CREATE AGGREGATE app.total(int) (SFUNC = int4pl, STYPE = int);
      ALTER AGGREGATE app.total(int) OWNER TO strata_e2b_owner;
      GRANT EXECUTE ON FUNCTION app.total(int) TO strata_e2b_reader;`,
    includeOwnership: true,
    expectUp: ['ALTER AGGREGATE app.total(integer) OWNER TO strata_e2b_owner', 'GRANT EXECUTE ON FUNCTION app.total(integer) TO strata_e2b_reader', 'ALTER SCHEMA app OWNER TO strata_e2b_owner', 'ALTER FUNCTION app.f() OWNER TO strata_e2b_owner', 'ALTER TABLE app.t OWNER TO strata_e2b_owner', 'ALTER VIEW app.v OWNER TO strata_e2b_owner'],
  },
  {
    name: 'partitions: bounds change is detach/attach, attach an existing table, detach, default, sub-partitions, indexes',
    old: `
      CREATE TABLE m (id int, at date, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
      CREATE INDEX m_kind ON m (kind);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE TABLE loose (id int NOT NULL, at date NOT NULL, kind text);`,
    new: `
      CREATE TABLE m (id int, at date, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
      CREATE INDEX m_kind ON m (kind);
      CREATE INDEX m_at ON m (at DESC);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
      CREATE TABLE loose PARTITION OF m FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
      CREATE TABLE m_2025 (id int NOT NULL, at date NOT NULL, kind text);
      CREATE TABLE m_default PARTITION OF m DEFAULT;
      CREATE TABLE m_sub PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (id);
      CREATE TABLE m_sub_1 PARTITION OF m_sub FOR VALUES IN (1);
      CREATE INDEX m_2025_kind ON m_2025 (kind);`,
    expectUp: [
      'ALTER TABLE public.m DETACH PARTITION public.m_2024',
      'ALTER TABLE public.m DETACH PARTITION public.m_2025',
      "ALTER TABLE public.m ATTACH PARTITION public.loose FOR VALUES FROM ('2030-01-01') TO ('2031-01-01')",
    ],
    rejectUp: ['DROP TABLE', 'DROP COLUMN', 'ADD COLUMN', 'DROP INDEX public', 'ON ONLY'],
  },
  {
    name: 'partitions: a sub-partitioned partition and the default partition move; grants, RLS and FKs stay on the parent',
    old: `
      CREATE TABLE ref (id int PRIMARY KEY);
      CREATE TABLE m (id int, at date, ref_id int REFERENCES ref, CHECK (id > 0)) PARTITION BY RANGE (at);
      ALTER TABLE m ENABLE ROW LEVEL SECURITY;
      CREATE POLICY m_pos ON m USING (id > 0);
      GRANT SELECT ON m TO strata_e2b_reader;
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (id);
      CREATE TABLE m_2024_1 PARTITION OF m_2024 FOR VALUES IN (1);
      CREATE TABLE m_rest PARTITION OF m DEFAULT;
      GRANT INSERT ON m_rest TO strata_e2b_writer;`,
    new: `
      CREATE TABLE ref (id int PRIMARY KEY);
      CREATE TABLE m (id int, at date, ref_id int REFERENCES ref, CHECK (id > 0)) PARTITION BY RANGE (at);
      ALTER TABLE m ENABLE ROW LEVEL SECURITY;
      CREATE POLICY m_pos ON m USING (id > 0);
      GRANT SELECT ON m TO strata_e2b_reader;
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2023-01-01') TO ('2025-01-01') PARTITION BY LIST (id);
      CREATE TABLE m_2024_1 PARTITION OF m_2024 FOR VALUES IN (1, 2);
      CREATE TABLE m_rest PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      GRANT INSERT ON m_rest TO strata_e2b_writer;`,
    expectUp: [
      'ALTER TABLE public.m DETACH PARTITION public.m_2024',
      "ALTER TABLE public.m_2024 ATTACH PARTITION public.m_2024_1 FOR VALUES IN (1, 2)",
      "ALTER TABLE public.m ATTACH PARTITION public.m_rest FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
    ],
    rejectUp: ['DROP TABLE', 'DROP POLICY', 'GRANT', 'REVOKE', 'DROP CONSTRAINT'],
  },
];


beforeAll(async () => {
  const server = await testServer();
  for (const r of ROLES) {
    await execOnce(
      server.url(),
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r}') THEN CREATE ROLE ${r} NOLOGIN; END IF;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
       END $$`,
    );
  }
});

const build = scratchBuilder('strata_e2b');



describe.each(CASES)('$name', (c) => {
  let oldDb: CaseDb;
  let newDb: CaseDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;
  const opts = { includeOwnership: c.includeOwnership === true };

  beforeAll(async () => {
    [oldDb, newDb] = await Promise.all([build(c.old, 'old'), build(c.new, 'new')]);
    [oldSnap, newSnap] = await Promise.all([oldDb.snapshot(), newDb.snapshot()]);
  });
  // Released as the case ends: each holds a snapshot connection.
  afterAll(() => Promise.all([oldDb?.drop(), newDb?.drop()]));

  it('(a) up turns old into new, (b) down turns new back into old', async () => {
    const plan = diffSnapshots(oldSnap, newSnap, opts);
    expect(plan.up).not.toBe('');
    for (const f of c.expectUp ?? []) expect(plan.up).toContain(f);
    for (const f of c.expectDown ?? []) expect(plan.down).toContain(f);
    expectInOrder(plan.up, c.expectOrder ?? []);
    for (const f of c.rejectUp ?? []) expect(plan.up).not.toContain(f);

    await applyScript(oldDb, plan.up);
    expect(compareSnapshots(await oldDb.snapshot(), newSnap, opts)).toEqual([]);
    await applyScript(newDb, plan.down);
    expect(compareSnapshots(await newDb.snapshot(), oldSnap, opts)).toEqual([]);
  });

  it('(c) a state diffed with itself is empty; (d) output is byte-identical', () => {
    expect(diffSnapshots(newSnap, newSnap, opts).up).toBe('');
    expect(diffSnapshots(oldSnap, oldSnap, opts).up).toBe('');
    const first = diffSnapshots(oldSnap, newSnap, opts);
    const again = diffSnapshots(structuredClone(oldSnap), structuredClone(newSnap), opts);
    expect(again.up).toBe(first.up);
    expect(again.down).toBe(first.down);
  });
});

describe('ownership is left out by default', () => {
  it('a state differing only in owners diffs and compares as equal unless ownership is included', async () => {
    const [a, b] = await Promise.all([
      build(`CREATE TABLE t (a int);`, 'a'),
      build(`CREATE TABLE t (a int); ALTER TABLE t OWNER TO strata_e2b_owner;`, 'b'),
    ]);
    const [sa, sb] = await Promise.all([a.snapshot(), b.snapshot()]);
    expect(diffSnapshots(sa, sb).up).toBe('');
    expect(compareSnapshots(sa, sb)).toEqual([]);
    expect(diffSnapshots(sa, sb, { includeOwnership: true }).up).toBe('ALTER TABLE public.t OWNER TO strata_e2b_owner;\n');
    expect(compareSnapshots(sa, sb, { includeOwnership: true })).not.toEqual([]);
  });
});
