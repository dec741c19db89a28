/**
 * The one state builder, proven plans and the drift guard, on real PostgreSQL:
 * - diff and verify see the same state as `migrate up` on a folder that only the runner can apply
 *   (a no-transaction migration, a role);
 * - a wrong plan (a rule injected to emit the wrong SQL) is refused with its residual, nothing written;
 * - a database altered by hand after a strata migration is refused by the next `migrate up`.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/core/diagnostic.js';
import type { ColumnObject } from '../../src/core/model/index.js';
import { RULES, type RuleTable } from '../../src/plan/index.js';
import { planMigration } from '../../src/proof/index.js';
import { migrateUp } from '../../src/runner/index.js';
import { buildSnapshot, fingerprint, snapshotDatabase } from '../../src/state/index.js';
import { driftGuard, verifyMigrations } from '../../src/verify/index.js';
import { compareSnapshots } from '../../src/engine/index.js';
import { projectSession } from '../helpers/projects.js';
import { query, scratch } from '../runner/helpers.js';

const session = projectSession();
const { cleanups, strata, project, initialised } = session;

const role = `strata_proof_reader`;
const SCHEMA = `CREATE ROLE ${role} NOLOGIN;
CREATE TYPE mood AS ENUM ('calm', 'busy', 'late');
CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL, mood mood NOT NULL DEFAULT 'late');
CREATE INDEX notes_body ON notes (body);
GRANT SELECT ON notes TO ${role};
`;

describe('one state builder', () => {
  it('diff, verify and migrate up agree on a folder with a no-transaction migration and a role', async () => {
    // Only the runner can apply 002: ADD VALUE then a use of it, and CREATE INDEX CONCURRENTLY,
    // both outside a transaction. A builder that ran files as one batch each would fail here.
    const p = await project(SCHEMA, {
      '20250101000001_base.up.sql': `CREATE ROLE ${role} NOLOGIN;\nCREATE TYPE mood AS ENUM ('calm', 'busy');\nCREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL, mood mood NOT NULL DEFAULT 'calm');\nGRANT SELECT ON notes TO ${role};\n`,
      '20250101000001_base.down.sql': 'DROP TABLE notes; DROP TYPE mood;\n',
      '20250101000002_late.up.sql': `-- strata:no-transaction\n\nALTER TYPE mood ADD VALUE 'late';\nALTER TABLE notes ALTER COLUMN mood SET DEFAULT 'late';\nCREATE INDEX CONCURRENTLY notes_body ON notes (body);\n`,
      '20250101000002_late.down.sql': `-- strata:no-transaction\n\nDROP INDEX CONCURRENTLY notes_body;\nALTER TABLE notes ALTER COLUMN mood SET DEFAULT 'calm';\n`,
    });
    const diff = await strata(['diff', '--schema', p.schemaDir, '--migrations', p.dir], p.root);
    expect(diff.err).not.toMatch(/error/);
    expect(diff.out).toBe('no changes\n');
    expect(diff.err).toContain(role);
    const v = await verifyMigrations({ server: session.server, dir: p.dir, schemaDir: p.schemaDir });
    // The enum keeps the value the down could not remove; everything else is equal.
    expect(v.differences).toEqual([]);

    // What the builder replays is what `migrate up` leaves in a real database.
    const db = await scratch();
    cleanups.push(db.drop);
    await migrateUp({ url: db.url, dir: p.dir });
    const built = await buildSnapshot({ kind: 'migrationsDir', dir: p.dir }, session.server);
    const live = await snapshotDatabase(db.url);
    expect(compareSnapshots(built, live)).toEqual([]);
    expect(fingerprint(built)).toBe(fingerprint(live));
    expect(built.roles).toEqual([role]);
  });
});

describe('proven plans', () => {
  it('a wrong plan is refused with the residual difference, and nothing is written', async () => {
    const p = await initialised('CREATE TABLE items (id bigint PRIMARY KEY);\n');
    await writeFile(path.join(p.schemaDir, 'app.sql'), 'CREATE TABLE items (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL DEFAULT 0);\n');
    const before = (await readdir(p.dir)).sort();

    // A column rule that writes the wrong type: the SQL runs, but the result is not the desired state.
    const wrong: RuleTable = {
      ...RULES,
      column: { ...RULES.column, create: (c: ColumnObject, ctx) => RULES.column.create({ ...c, type: 'integer' }, ctx) },
    } as RuleTable;
    const planned = await planMigration({ server: session.server, schemaDir: p.schemaDir, migrationsDir: p.dir, name: 'price', rules: wrong });
    expect(planned.proof.status).toBe('failed');
    if (planned.proof.status !== 'failed') return;
    expect(planned.proof.stage).toBe('up');
    expect(planned.proof.residual).toEqual([
      expect.objectContaining({ kind: 'differs', id: 'column:public.items.price', field: 'type', expected: 'numeric(10,2)', actual: 'integer' }),
    ]);
    expect((await readdir(p.dir)).sort()).toEqual(before);

    // The right rules prove the same change, and the command writes it with the state header.
    const ok = await strata(['diff', 'price'], p.root);
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/proven in \d+ ms/);
    const up = (await readdir(p.dir)).find((n) => n.endsWith('_price.up.sql'))!;
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path.join(p.dir, up), 'utf8')).toMatch(/^-- strata:from-state sha256:[0-9a-f]{64}\n-- strata:to-state sha256:[0-9a-f]{64}\n/);
  });

  it('a plan that fails to apply is refused with the server error; --no-verify writes unproven and says so', async () => {
    const p = await initialised('CREATE TABLE items (id bigint PRIMARY KEY);\n');
    await writeFile(path.join(p.schemaDir, 'app.sql'), 'CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL);\n');
    const broken: RuleTable = {
      ...RULES,
      column: { ...RULES.column, create: (c: ColumnObject, ctx) => RULES.column.create({ ...c, type: 'no_such_type' }, ctx) },
    } as RuleTable;
    const planned = await planMigration({ server: session.server, schemaDir: p.schemaDir, migrationsDir: p.dir, name: 'code', rules: broken });
    expect(planned.proof).toMatchObject({ status: 'failed', stage: 'up', error: { sqlstate: '42704' } });

    const unproven = await strata(['diff', 'code', '--no-verify'], p.root);
    expect(unproven.code).toBe(0);
    expect(unproven.err).toContain('--no-verify');
    expect((await readdir(p.dir)).filter((n) => n.includes('_code.'))).toHaveLength(2);
  });

  it('proves with the seed rows loaded: a NOT NULL column without default on a populated table is refused', async () => {
    const p = await initialised('CREATE TABLE items (id bigint PRIMARY KEY);\n');
    const planned = await planMigration({
      server: session.server,
      schemaDir: p.schemaDir,
      migrationsDir: p.dir,
      name: 'noop',
      seed: async (u) => void (await query(u, 'INSERT INTO items VALUES (1), (2)')),
    });
    expect(planned.plan.steps).toEqual([]);
    await writeFile(path.join(p.schemaDir, 'app.sql'), 'CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL);\n');
    const withRows = await planMigration({
      server: session.server,
      schemaDir: p.schemaDir,
      migrationsDir: p.dir,
      name: 'code',
      seed: async (u) => void (await query(u, 'INSERT INTO items VALUES (1), (2)')),
    });
    expect(withRows.proof).toMatchObject({ status: 'failed', stage: 'up', seed: { loaded: true }, error: { sqlstate: '23502' } });
    const empty = await planMigration({ server: session.server, schemaDir: p.schemaDir, migrationsDir: p.dir, name: 'code' });
    expect(empty.proof.status).toBe('proven');
  });

  it('proves a key moved to the tenant column on seeded rows: partitions the seed created are data, the FKs move from the unique key to the new primary key', async () => {
    const tables = (items: string, ev: string) => `CREATE TABLE items (id bigint NOT NULL, org_id bigint NOT NULL, ${items});
CREATE TABLE notes (org_id bigint NOT NULL, item_id bigint NOT NULL,
  CONSTRAINT notes_item_fkey FOREIGN KEY (org_id, item_id) REFERENCES items (org_id, id));
CREATE TABLE ev (id bigint NOT NULL, org_id bigint NOT NULL, at date NOT NULL, CONSTRAINT ev_pkey PRIMARY KEY (${ev})) PARTITION BY RANGE (at);
CREATE TABLE ev_default PARTITION OF ev DEFAULT;
CREATE FUNCTION add_month(m date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TABLE %I PARTITION OF ev FOR VALUES FROM (%L) TO (%L)', 'ev_' || to_char(m, 'YYYY_MM'), m, m + 31);
END $$;
`;
    const p = await initialised(tables('CONSTRAINT items_pkey PRIMARY KEY (id), CONSTRAINT items_org_id_id_key UNIQUE (org_id, id)', 'id, at'));
    await writeFile(path.join(p.schemaDir, 'app.sql'), tables('CONSTRAINT items_pkey PRIMARY KEY (org_id, id)', 'org_id, id, at'));
    const seed = async (u: string) =>
      void (await query(u, `SELECT add_month('2026-01-01'); INSERT INTO ev VALUES (1, 7, '2026-01-05'), (2, 7, '2027-03-01'); INSERT INTO items VALUES (1, 7); INSERT INTO notes VALUES (7, 1)`));
    const planned = await planMigration({ server: session.server, schemaDir: p.schemaDir, migrationsDir: p.dir, name: 'tenant_keys', seed });
    expect(planned.proof).toMatchObject({ status: 'proven', seed: { loaded: true, created: expect.arrayContaining(['table:public.ev_2026_01']) } });
    // The unique key the FK depended on can go only after the FK; the FK comes back on the new key.
    const up = planned.plan.steps.map((s) => s.sql);
    const at = (re: RegExp) => up.findIndex((q) => re.test(q));
    expect(at(/DROP CONSTRAINT notes_item_fkey/)).toBeLessThan(at(/DROP CONSTRAINT items_org_id_id_key/));
    expect(at(/ADD CONSTRAINT items_pkey PRIMARY KEY \(org_id, id\)/)).toBeLessThan(at(/ADD CONSTRAINT notes_item_fkey/));
    expect(up.some((q) => /ev_2026_01/.test(q))).toBe(false);
  });
});

describe('drift guard', () => {
  it('a database altered by hand after a strata migration is refused by the next migrate up, with the drift shown', async () => {
    const p = await initialised('CREATE TABLE items (id bigint PRIMARY KEY);\n');
    await writeFile(path.join(p.schemaDir, 'app.sql'), 'CREATE TABLE items (id bigint PRIMARY KEY, label text);\n');
    expect((await strata(['diff', 'label'], p.root)).code).toBe(0);
    const [first, second] = (await readdir(p.dir)).filter((n) => n.endsWith('.up.sql')).sort();
    const db = await scratch();
    cleanups.push(db.drop);
    const guard = driftGuard({ server: session.server, dir: p.dir });
    await migrateUp({ url: db.url, dir: p.dir, to: first!.slice(0, 14), beforeApply: guard });
    await query(db.url, 'CREATE INDEX items_by_hand ON items (id)');

    const refused = await migrateUp({ url: db.url, dir: p.dir, beforeApply: guard }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StrataError);
    const d = (refused as StrataError).diagnostic;
    expect(d.code).toBe('verify.drift');
    expect(d.message).toContain(second);
    expect(d.detail).toContain('- extra    index:public.items_by_hand');
    expect(await query(db.url, "SELECT 1 FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'label'")).toEqual([]);

    // Through the CLI: the same refusal (exit 1), and --allow-drift applies it and says so.
    const cli = await strata(['migrate', 'up', '--dir', p.dir], p.root, db.url);
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('items_by_hand');
    const allowed = await strata(['migrate', 'up', '--dir', p.dir, '--allow-drift'], p.root, db.url);
    expect(allowed.code).toBe(0);
    expect(allowed.err).toContain('--allow-drift');
    expect(await query(db.url, "SELECT 1 AS ok FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'label'")).toEqual([{ ok: 1 }]);
  });

  it('files without a state header (hand-written, Atlas) apply as before', async () => {
    const p = await project('CREATE TABLE items (id bigint PRIMARY KEY);\n', {
      '20250101000001_a.up.sql': 'CREATE TABLE items (id bigint PRIMARY KEY);\n',
      '20250101000002_b.up.sql': 'ALTER TABLE items ADD COLUMN x int;\n',
    });
    const db = await scratch();
    cleanups.push(db.drop);
    const guard = driftGuard({ server: session.server, dir: p.dir });
    await migrateUp({ url: db.url, dir: p.dir, to: '20250101000001', beforeApply: guard });
    await query(db.url, 'CREATE INDEX by_hand ON items (id)');
    const r = await migrateUp({ url: db.url, dir: p.dir, beforeApply: guard });
    expect(r.applied.map((a) => a.version)).toEqual(['20250101000002']);
  });
});
