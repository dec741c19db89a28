import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../../src/core/diagnostic.js';
import { migrateDown, migrateRepair, migrateStatus, migrateUp } from '../../src/runner/index.js';
import { catalogFingerprint, query, scratch, tempDir } from './helpers.js';
import type { ScratchDb } from '../helpers/server.js';

const BASE: Record<string, string> = {
  '20250101000001_users.up.sql': `CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);\n`,
  '20250101000001_users.down.sql': `DROP TABLE users;\n`,
  '20250101000002_posts.up.sql': `CREATE TYPE post_state AS ENUM ('draft', 'live');
CREATE TABLE posts (id bigint PRIMARY KEY, author bigint NOT NULL REFERENCES users (id), state post_state NOT NULL DEFAULT 'draft', body text);
CREATE INDEX posts_author_idx ON posts (author);
CREATE FUNCTION posts_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.body := coalesce(NEW.body, ''); -- a ';' inside a body
  RETURN NEW;
END $$;
CREATE TRIGGER posts_touch BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION posts_touch();
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_live ON posts FOR SELECT USING (state = 'live');
CREATE VIEW live_posts AS SELECT id, author FROM posts WHERE state = 'live';
CREATE FUNCTION post_count(a bigint) RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT 1;
  SELECT count(*) FROM posts WHERE author = a;
END;
`,
  '20250101000002_posts.down.sql': `DROP FUNCTION post_count(bigint);\nDROP VIEW live_posts;\nDROP TABLE posts;\nDROP FUNCTION posts_touch();\nDROP TYPE post_state;\n`,
  '20250101000003_concurrent_index.up.sql': `-- strata:no-transaction
CREATE INDEX CONCURRENTLY users_email_lower_idx ON users (lower(email));
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT 1;
  SELECT count(*) FROM users;
END;
`,
  '20250101000003_concurrent_index.down.sql': `-- strata:no-transaction
DROP FUNCTION user_count();
DROP INDEX CONCURRENTLY users_email_lower_idx;
`,
};

let db: ScratchDb;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  db = await scratch();
  dir = await tempDir(BASE);
});
afterEach(async () => {
  await db?.drop();
  await dir?.remove();
});

const opts = () => ({ url: db.url, dir: dir.dir, appliedBy: 'test' });

async function refusal(p: Promise<unknown>): Promise<StrataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StrataError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('migrate up/down', () => {
  it('applies every migration once, records history, and a second run does nothing', async () => {
    const first = await migrateUp(opts());
    expect(first.applied.map((a) => a.version)).toEqual(['20250101000001', '20250101000002', '20250101000003']);
    const rows = await query<{ version: string; name: string; applied_by: string; dirty: boolean; execution_ms: number }>(
      db.url, 'SELECT version::text, name, applied_by, dirty, execution_ms FROM strata.schema_migrations ORDER BY version');
    expect(rows.map((r) => [r.version, r.name, r.applied_by, r.dirty])).toEqual([
      ['20250101000001', 'users', 'test', false],
      ['20250101000002', 'posts', 'test', false],
      ['20250101000003', 'concurrent_index', 'test', false],
    ]);
    const idx = await query(db.url, `SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_lower_idx'::regclass`);
    expect(idx).toEqual([{ indisvalid: true }]);
    const again = await migrateUp(opts());
    expect(again.applied).toEqual([]);
    const status = await migrateStatus(opts());
    expect(status.entries.map((e) => e.state)).toEqual(['applied', 'applied', 'applied']);
    expect(status.current).toBe('20250101000003');
  });

  it('up --to and down --steps/--to move exactly as far as asked', async () => {
    await migrateUp({ ...opts(), to: '20250101000002' });
    expect((await migrateStatus(opts())).entries.map((e) => e.state)).toEqual(['applied', 'applied', 'pending']);
    await migrateUp(opts());
    const down = await migrateDown({ ...opts(), steps: 2 });
    expect(down.applied.map((a) => a.version)).toEqual(['20250101000003', '20250101000002']);
    expect(await query(db.url, `SELECT to_regclass('posts') AS t`)).toEqual([{ t: null }]);
    await migrateUp(opts());
    await migrateDown({ ...opts(), to: '20250101000001' });
    expect((await migrateStatus(opts())).entries.map((e) => e.state)).toEqual(['applied', 'pending', 'pending']);
  });

  it('down to zero and back up leaves the catalog identical', async () => {
    const empty = await catalogFingerprint(db.url);
    await migrateUp(opts());
    const full = await catalogFingerprint(db.url);
    expect(full).toContain('pol public.posts.posts_live');
    expect(full).toContain('trg CREATE TRIGGER posts_touch');
    await migrateDown({ ...opts(), to: '0' });
    expect(await catalogFingerprint(db.url)).toBe(empty);
    expect(await query(db.url, 'SELECT version FROM strata.schema_migrations')).toEqual([]);
    await migrateUp(opts());
    expect(await catalogFingerprint(db.url)).toBe(full);
    // The engine's snapshot agrees: nothing differs after the round trip.
    const { compareSnapshots } = await import('../../src/engine/index.js');
    const { snapshotDatabase } = await import('../../src/state/index.js');
    const withoutRunnerSchema = (s: Awaited<ReturnType<typeof snapshotDatabase>>) => s;
    const first = withoutRunnerSchema(await snapshotDatabase(db.url));
    await migrateDown({ ...opts(), to: '0' });
    const zero = withoutRunnerSchema(await snapshotDatabase(db.url));
    const fresh = await scratch();
    try {
      expect(compareSnapshots(withoutRunnerSchema(await snapshotDatabase(fresh.url)), zero)).toEqual([]);
    } finally {
      await fresh.drop();
    }
    await migrateUp(opts());
    expect(compareSnapshots(first, withoutRunnerSchema(await snapshotDatabase(db.url)))).toEqual([]);
  });

  it('a failing transactional migration leaves nothing behind and reports file:line', async () => {
    await dir.write('20250101000004_broken.up.sql', `CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nSELECT no_such_column FROM half;\n`);
    const e = await refusal(migrateUp(opts()));
    expect(e.diagnostic.code).toBe('runner.apply');
    expect(e.diagnostic.sqlstate).toBe('42703');
    expect(e.diagnostic.location).toMatchObject({ file: path.join(dir.dir, '20250101000004_broken.up.sql'), line: 3, column: 8 });
    // The same excerpt style as the source and shadow stages: numbered file lines and a caret.
    expect(e.diagnostic.detail).toBe('3 | SELECT no_such_column FROM half\n  |        ^');
    expect(await query(db.url, `SELECT to_regclass('half') AS t`)).toEqual([{ t: null }]);
    expect((await migrateStatus(opts())).entries.at(-1)!.state).toBe('pending');
  });

  it('refuses a transactional file with its own BEGIN/COMMIT, and runs it with the no-transaction directive', async () => {
    await dir.write('20250101000004_own_tx.up.sql', 'SELECT 1;\nBEGIN;\nCREATE TABLE own_tx (id int);\nCOMMIT;\n');
    const e = await refusal(migrateUp(opts()));
    expect(e.diagnostic).toMatchObject({ code: 'runner.transaction-control', location: { line: 2 } });
    expect(await query(db.url, `SELECT to_regclass('own_tx')::text AS t`)).toEqual([{ t: null }]);
    expect((await migrateStatus(opts())).entries.at(-1)!.state).toBe('pending');
    await dir.write('20250101000004_own_tx.up.sql', '-- strata:no-transaction\nBEGIN;\nCREATE TABLE own_tx (id int);\nCOMMIT;\n');
    expect((await migrateUp(opts())).applied.map((a) => a.version)).toContain('20250101000004');
  });

  it('lock_timeout applies inside migrations', async () => {
    await migrateUp(opts());
    await dir.write('20250101000004_alter.up.sql', `ALTER TABLE users ADD COLUMN nick text;\n`);
    const { connect, sql } = await import('../../src/db/connect.js');
    const holder = connect(db.url, { poolSize: 1 });
    try {
      await holder.tx(async (tx) => {
        await tx.query(sql`LOCK TABLE users IN ACCESS SHARE MODE`);
        const e = await refusal(migrateUp({ ...opts(), lockTimeout: '200ms' }));
        expect(e.diagnostic.sqlstate).toBe('55P03');
      });
    } finally {
      await holder.dispose();
    }
    expect((await migrateUp({ ...opts(), lockTimeout: '200ms' })).applied.map((a) => a.version)).toEqual(['20250101000004']);
  });

  it('statement_timeout applies inside migrations', async () => {
    await dir.write('20250101000004_slow.up.sql', `SELECT pg_sleep(2);\n`);
    const e = await refusal(migrateUp({ ...opts(), statementTimeout: '100ms' }));
    expect(e.diagnostic.sqlstate).toBe('57014');
  });

  it('rejects a malformed timeout', async () => {
    const e = await refusal(migrateUp({ ...opts(), lockTimeout: '5 seconds; DROP TABLE x' }));
    expect(e.exitCode).toBe(2);
  });

  it('ALTER TYPE ... ADD VALUE followed by a use of the value needs the no-transaction directive', async () => {
    await migrateUp(opts());
    const body = "ALTER TYPE post_state ADD VALUE 'archived';\nCREATE TABLE archive_rules (state post_state NOT NULL DEFAULT 'archived');\n";
    await dir.write('20250101000004_archived.up.sql', body);
    const inTx = await refusal(migrateUp(opts()));
    expect(inTx.diagnostic.sqlstate).toBe('55P04'); // unsafe use of new value in the same transaction
    expect((await migrateStatus(opts())).entries.at(-1)!.state).toBe('pending');
    await dir.write('20250101000004_archived.up.sql', '-- strata:no-transaction\n' + body);
    expect((await migrateUp(opts())).applied.map((a) => a.version)).toEqual(['20250101000004']);
    expect(await query(db.url, `SELECT column_default FROM information_schema.columns WHERE table_name = 'archive_rules'`)).toEqual([{ column_default: "'archived'::post_state" }]);
  });
});

describe('refusals', () => {
  it('a tampered applied file is detected, and repair --checksums accepts it', async () => {
    await migrateUp(opts());
    await dir.write('20250101000001_users.up.sql', BASE['20250101000001_users.up.sql']!.replace('email text', 'email varchar'));
    const e = await refusal(migrateUp(opts()));
    expect(e.diagnostic.code).toBe('runner.checksum');
    expect(e.diagnostic.hint).toContain('strata migrate repair --checksums');
    expect((await refusal(migrateDown(opts()))).diagnostic.code).toBe('runner.checksum');
    expect((await migrateStatus(opts())).entries[0]!.state).toBe('changed');
    await migrateRepair({ ...opts(), checksums: true });
    expect((await migrateUp(opts())).applied).toEqual([]);
  });

  it('an applied file that is missing is refused with its remedy', async () => {
    await migrateUp(opts());
    await rm(path.join(dir.dir, '20250101000002_posts.up.sql'));
    await rm(path.join(dir.dir, '20250101000002_posts.down.sql'));
    const e = await refusal(migrateUp(opts()));
    expect(e.diagnostic.code).toBe('runner.missing-file');
    expect(e.diagnostic.message).toContain('20250101000002_posts.up.sql');
    expect(e.diagnostic.hint).toContain('git log --diff-filter=D');
  });

  it('a version in the history unknown to the directory is refused, and repair --forget removes it', async () => {
    await migrateUp(opts());
    await query(db.url, `INSERT INTO strata.schema_migrations (version, name, checksum) VALUES (20990101000000, 'from_another_branch', 'x')`);
    const e = await refusal(migrateUp(opts()));
    expect(e.diagnostic.code).toBe('runner.unknown-version');
    expect(e.diagnostic.hint).toContain('strata migrate down --to 20250101000003');
    await migrateRepair({ ...opts(), forget: ['20990101000000'] });
    expect((await migrateUp(opts())).applied).toEqual([]);
  });

  it('a pending migration older than the latest applied one is refused', async () => {
    await migrateUp(opts());
    await dir.write('20240101000000_late.up.sql', 'SELECT 1;\n');
    expect((await refusal(migrateUp(opts()))).diagnostic.code).toBe('runner.out-of-order');
  });

  it('a half-applied non-transactional migration is dirty, blocks every run, and repair clears it', async () => {
    await migrateUp(opts());
    await dir.write('20250101000004_two_indexes.up.sql', `-- strata:no-transaction
CREATE INDEX CONCURRENTLY users_id_email_idx ON users (id, email);
CREATE INDEX CONCURRENTLY posts_bad_idx ON posts (no_such_column);
`);
    const failed = await refusal(migrateUp(opts()));
    expect(failed.diagnostic.code).toBe('runner.dirty');
    expect(failed.diagnostic.location?.line).toBe(3);
    // The first statement stayed applied: that is why the version is dirty.
    expect(await query(db.url, `SELECT to_regclass('users_id_email_idx') IS NOT NULL AS ok`)).toEqual([{ ok: true }]);
    for (const run of [() => migrateUp(opts()), () => migrateDown(opts()), () => migrateUp({ ...opts(), to: '20250101000004' })]) {
      const e = await refusal(run());
      expect(e.diagnostic.code).toBe('runner.dirty');
      expect(e.diagnostic.hint).toContain('strata migrate repair');
    }
    expect((await migrateStatus(opts())).entries.at(-1)!.state).toBe('dirty');
    // Undo by hand, fix the file, forget the dirty row, run again.
    await query(db.url, 'DROP INDEX users_id_email_idx');
    await dir.write('20250101000004_two_indexes.up.sql', `-- strata:no-transaction
CREATE INDEX CONCURRENTLY users_id_email_idx ON users (id, email);
CREATE INDEX CONCURRENTLY posts_state_idx ON posts (state);
`);
    const repaired = await migrateRepair(opts());
    expect(repaired.actions).toHaveLength(1);
    expect((await migrateUp(opts())).applied.map((a) => a.version)).toEqual(['20250101000004']);
    expect((await migrateStatus(opts())).problems).toEqual([]);
  });

  it('repair --mark-applied keeps a dirty version that was finished by hand', async () => {
    await migrateUp(opts());
    await dir.write('20250101000004_finish.up.sql', `-- strata:no-transaction
CREATE TABLE t1 (id int);
SELECT 1/0;
`);
    expect((await refusal(migrateUp(opts()))).diagnostic.code).toBe('runner.dirty');
    await migrateRepair({ ...opts(), markApplied: true });
    const status = await migrateStatus(opts());
    expect(status.entries.at(-1)).toMatchObject({ version: '20250101000004', state: 'applied' });
    expect(status.problems).toEqual([]);
  });
});
