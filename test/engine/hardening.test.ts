/**
 * Outside cases that used to produce migrations which failed to apply or did not
 * converge: partitions with their own keys, partition indexes attached to a new
 * partitioned index, dropped partitions and sequences that others depend on, FK
 * cycles among dropped tables, identity bounds widened with the type, default
 * privileges an owner revokes from itself, new keys on partitioned tables adopting the partitions'. Each is checked up, down and
 * idempotent, on tables that hold rows (the row count survives both ways where
 * the table survives).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { queryOnce } from '../../src/db/connect.js';
import type { ScratchDb } from '../helpers/server.js';
import { applyScript, expectInOrder, scratchBuilder, type CaseDb } from './harness.js';

const build = scratchBuilder('strata_hard');

interface HardCase {
  name: string;
  /** Schema statements, then optional rows (loaded into both sides). */
  old: string;
  new: string;
  rows?: { old?: string; new?: string };
  /** Tables whose row counts must survive up and down. */
  keep?: string[];
  /** Fragments the up (and down) script must hold, in order. */
  upOrder?: string[];
  downOrder?: string[];
  rejectUp?: string[];
}

const CASES: HardCase[] = [
  {
    name: 'partitions that carry their own primary key and unique constraint',
    old: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');`,
    new: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m (PRIMARY KEY (id), UNIQUE (code)) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m (CONSTRAINT m_2025_pk PRIMARY KEY (id, at)) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
    rows: { old: `INSERT INTO m SELECT g, date '2024-01-01' + (g % 300), 'c' || g FROM generate_series(1, 300) g;` },
    keep: ['m'],
  },
  {
    name: 'existing partition indexes are attached to a new partitioned index, not built twice',
    old: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE INDEX m_2024_code ON m_2024 (code);
      CREATE INDEX m_2025_code ON m_2025 (code);`,
    new: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE INDEX m_code ON ONLY m (code);
      CREATE INDEX m_2024_code ON m_2024 (code);
      CREATE INDEX m_2025_code ON m_2025 (code);
      ALTER INDEX m_code ATTACH PARTITION m_2024_code;
      ALTER INDEX m_code ATTACH PARTITION m_2025_code;`,
    rows: { old: `INSERT INTO m SELECT g, date '2024-01-01' + (g % 700), 'c' || g FROM generate_series(1, 600) g;` },
    keep: ['m'],
    upOrder: ['CREATE INDEX m_code ON ONLY public.m', 'ALTER INDEX public.m_code ATTACH PARTITION public.m_2024_code', 'ALTER INDEX public.m_code ATTACH PARTITION public.m_2025_code'],
    rejectUp: ['DROP INDEX', 'CREATE INDEX m_2024_code'],
  },
  {
    name: "a new primary key on a partitioned table adopts the partitions' own primary keys, one renamed first",
    old: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m (PRIMARY KEY (id, at)) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m (CONSTRAINT m_2025_pk PRIMARY KEY (id, at)) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
    new: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
    rows: { old: `INSERT INTO m SELECT g, date '2024-01-01' + (g % 700), 'c' || g FROM generate_series(1, 600) g;` },
    keep: ['m'],
    upOrder: ['ALTER TABLE ONLY public.m ADD CONSTRAINT m_pkey PRIMARY KEY (id, at)', 'ALTER INDEX public.m_pkey ATTACH PARTITION public.m_2024_pkey', 'ALTER INDEX public.m_pkey ATTACH PARTITION public.m_2025_pk'],
    rejectUp: ['DROP CONSTRAINT', 'ALTER TABLE public.m ADD'],
  },
  {
    name: "a new unique constraint on a partitioned table adopts the partitions' unique indexes",
    old: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE UNIQUE INDEX m_2024_code ON m_2024 (code, at);
      CREATE UNIQUE INDEX m_2025_code ON m_2025 (code, at);`,
    new: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, code text, UNIQUE (code, at)) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
    rows: { old: `INSERT INTO m SELECT g, date '2024-01-01' + (g % 700), 'c' || g FROM generate_series(1, 600) g;` },
    keep: ['m'],
    upOrder: ['ALTER TABLE public.m_2024 ADD CONSTRAINT m_2024_code UNIQUE USING INDEX m_2024_code', 'ALTER TABLE ONLY public.m ADD CONSTRAINT m_code_at_key UNIQUE (code, at)', 'ALTER INDEX public.m_code_at_key ATTACH PARTITION public.m_2025_code'],
    rejectUp: ['DROP INDEX', 'ALTER TABLE public.m ADD'],
  },
  {
    name: 'a dropped partition that a foreign key still references',
    old: `CREATE TABLE m (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m (PRIMARY KEY (id)) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE TABLE ref (id int PRIMARY KEY, m_id int REFERENCES m_2024 (id));`,
    new: `CREATE TABLE m (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE TABLE ref (id int PRIMARY KEY, m_id int);`,
    rows: { old: `INSERT INTO m SELECT g, date '2024-01-01' + (g % 700) FROM generate_series(1, 200) g;
      INSERT INTO ref SELECT g, NULL FROM generate_series(1, 100) g;` },
    keep: ['ref'],
  },
  {
    name: 'a dropped sequence that a column default still uses',
    old: `CREATE SEQUENCE s; CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval('s'), v text);`,
    new: `CREATE TABLE t (id int PRIMARY KEY, v text);`,
    rows: { old: `INSERT INTO t (v) SELECT 'v' || g FROM generate_series(1, 50) g;` },
    keep: ['t'],
  },
  {
    name: 'dropping tables whose foreign keys form a cycle',
    old: `CREATE TABLE a (id int PRIMARY KEY, b_id int);
      CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
      ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id);
      CREATE TABLE c (id int PRIMARY KEY, c_id int REFERENCES c (id));
      CREATE TABLE keep (id int PRIMARY KEY);`,
    new: `CREATE TABLE keep (id int PRIMARY KEY);`,
    rows: { old: `INSERT INTO a VALUES (1, NULL); INSERT INTO b VALUES (1, 1); UPDATE a SET b_id = 1; INSERT INTO c VALUES (1, 1);
      INSERT INTO keep SELECT generate_series(1, 10);` },
    keep: ['keep'],
  },
  {
    name: 'identity column widened: type and bounds together',
    old: `CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text);`,
    new: `CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY (MAXVALUE 10000000000) PRIMARY KEY, v text);`,
    rows: { old: `INSERT INTO t (v) SELECT 'v' || g FROM generate_series(1, 100) g;` },
    keep: ['t'],
    upOrder: ['ALTER COLUMN id TYPE bigint', 'SET MAXVALUE 10000000000'],
    downOrder: ['SET MAXVALUE 2147483647', 'ALTER COLUMN id TYPE integer'],
  },
  {
    name: 'identity column narrowed with explicit bounds',
    old: `CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY (MAXVALUE 1000000) PRIMARY KEY);`,
    new: `CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY (MAXVALUE 500000) PRIMARY KEY);`,
    rows: { old: `INSERT INTO t SELECT FROM generate_series(1, 20);` },
    keep: ['t'],
  },
  {
    name: 'an owner revoking its own default privileges',
    old: `CREATE ROLE strata_hard_owner NOLOGIN; CREATE SCHEMA app; GRANT CREATE, USAGE ON SCHEMA app TO strata_hard_owner;`,
    new: `CREATE ROLE strata_hard_owner NOLOGIN; CREATE SCHEMA app; GRANT CREATE, USAGE ON SCHEMA app TO strata_hard_owner;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_hard_owner REVOKE ALL ON TABLES FROM strata_hard_owner;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_hard_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_hard_owner IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;`,
  },
  {
    name: 'an owner revoking part of its own default privileges, and granting them back',
    old: `CREATE ROLE strata_hard_owner NOLOGIN;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_hard_owner REVOKE DELETE, TRUNCATE ON TABLES FROM strata_hard_owner;`,
    new: `CREATE ROLE strata_hard_owner NOLOGIN;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_hard_owner REVOKE UPDATE ON TABLES FROM strata_hard_owner;
      ALTER DEFAULT PRIVILEGES FOR ROLE strata_hard_owner REVOKE USAGE ON SEQUENCES FROM strata_hard_owner;`,
  },
];

async function counts(db: ScratchDb, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [r] = await queryOnce<{ n: string }>(db.url, `SELECT count(*) AS n FROM ${t}`);
    out[t] = Number(r!.n);
  }
  return out;
}

describe.each(CASES)('$name', (c) => {
  let oldDb: CaseDb;
  let newDb: CaseDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;
  beforeAll(async () => {
    [oldDb, newDb] = await Promise.all([build(c.old + '\n' + (c.rows?.old ?? ''), 'old'), build(c.new + '\n' + (c.rows?.new ?? ''), 'new')]);
    [oldSnap, newSnap] = await Promise.all([oldDb.snapshot(), newDb.snapshot()]);
  });
  // Released as the case ends: each holds a snapshot connection.
  afterAll(() => Promise.all([oldDb?.drop(), newDb?.drop()]));

  it('up turns old into new and down turns it back, keeping the rows', async () => {
    const plan = diffSnapshots(oldSnap, newSnap);
    expect(plan.up).not.toBe('');
    if (c.upOrder) expectInOrder(plan.up, c.upOrder);
    if (c.downOrder) expectInOrder(plan.down, c.downOrder);
    for (const f of c.rejectUp ?? []) expect(plan.up).not.toContain(f);
    const before = await counts(oldDb, c.keep ?? []);
    await applyScript(oldDb, plan.up);
    expect(compareSnapshots(await oldDb.snapshot(), newSnap)).toEqual([]);
    expect(await counts(oldDb, c.keep ?? [])).toEqual(before);
    await applyScript(oldDb, plan.down);
    expect(compareSnapshots(await oldDb.snapshot(), oldSnap)).toEqual([]);
    expect(await counts(oldDb, c.keep ?? [])).toEqual(before);
  });

  it('is idempotent: each state diffed with itself is empty, and nothing is left unmanaged', () => {
    expect(diffSnapshots(newSnap, newSnap).up).toBe('');
    expect(diffSnapshots(oldSnap, oldSnap).up).toBe('');
    expect(oldSnap.unmanaged ?? []).toEqual([]);
    expect(newSnap.unmanaged ?? []).toEqual([]);
  });
});
