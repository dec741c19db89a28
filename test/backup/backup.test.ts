/**
 * `strata backup` / `strata restore` as a new user meets them, on a real
 * PostgreSQL 15 server (the machine's pg_dump is 15): a round trip verified
 * against the manifest; refusals for a bad path, an existing target, tools of
 * the wrong version (the PostgreSQL 18 dev cluster) and damaged dumps; and
 * verification that names the table whose rows differ.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOnce as q } from '../../src/db/connect.js';
import { main } from '../../src/cli/main.js';
import { compareTables, listTools, verifyAgainst, type Manifest } from '../../src/backup/index.js';
import { testServer } from '../helpers/server.js';
import { hasPg15, startPg15, type Pg15 } from './pg15.js';

const PG15_PSQL = '/usr/lib/postgresql/15/bin/psql';

let tmp: string;
let server: Pg15 | undefined;
let sourceUrl: string;
let dump: string;

function dbUrl(name: string): string {
  const u = new URL(server!.url);
  u.pathname = '/' + name;
  return u.toString();
}

async function strata(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), cwd: tmp, isTTY: false });
  return { code, out, err };
}

const SCHEMA = `
  CREATE TYPE mood AS ENUM ('calm', 'busy');
  CREATE TABLE account (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, mood mood, joined timestamptz NOT NULL, score double precision, blob bytea);
  CREATE TABLE note (account_id bigint NOT NULL REFERENCES account, body text);           -- no primary key
  CREATE TABLE event (id int, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
  CREATE TABLE event_2026 PARTITION OF event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
  CREATE MATERIALIZED VIEW account_count AS SELECT count(*) AS n FROM account;
  CREATE VIEW busy AS SELECT * FROM account WHERE mood = 'busy';
  INSERT INTO account (name, mood, joined, score, blob)
    SELECT 'a' || i, CASE WHEN i % 2 = 0 THEN 'busy' ELSE 'calm' END::mood, '2026-01-01 00:00:00+00'::timestamptz + i * interval '1 hour', i / 3.0, decode(md5(i::text), 'hex')
      FROM generate_series(1, 500) i;
  INSERT INTO note SELECT 1 + i % 500, 'note ' || i FROM generate_series(1, 800) i;
  INSERT INTO note VALUES (1, 'dup'), (1, 'dup');
  INSERT INTO event SELECT i, '2026-01-01'::date + i FROM generate_series(1, 300) i;
  REFRESH MATERIALIZED VIEW account_count;
`;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-backup-'));
  if (!hasPg15) return;
  server = await startPg15(tmp, path.join(tmp, 'pg'));
  await q(server.url, 'CREATE DATABASE source_db');
  sourceUrl = dbUrl('source_db');
  await q(sourceUrl, SCHEMA);
  dump = path.join(tmp, 'source.dump');
});

afterAll(async () => {
  await server?.remove().catch(() => undefined);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe.runIf(hasPg15)('on PostgreSQL 15', () => {
  it('backs up, restores into a new database and verifies catalog, counts and checksums; never overwrites', async () => {
    const b = await strata('backup', '--output', 'source.dump', '--database-url', sourceUrl, '--json');
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    const report = JSON.parse(b.out) as { file: string; pgDump: { major: number }; tables: { table: string; rows: number }[] };
    expect(report.file).toBe(dump);
    expect(report.pgDump.major).toBe(15);
    expect(Object.fromEntries(report.tables.map((t) => [t.table, t.rows]))).toEqual({
      'public.account': 500,
      'public.account_count': 1,
      'public.event_2026': 300,
      'public.note': 802,
    });
    const manifest = JSON.parse(await readFile(`${dump}.json`, 'utf8')) as Manifest;
    expect(manifest.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // The source is gone: restore verifies against the manifest alone.
    await q(server!.url, 'ALTER DATABASE source_db RENAME TO source_away');
    try {
      const r = await strata('restore', dump, '--into', 'restored_one', '--database-url', server!.url, '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const v = JSON.parse(r.out).verification as { ok: boolean; against: string; catalog: unknown[]; tables: { status: string }[]; fingerprint: { expected: string; actual: string } };
      expect(v).toMatchObject({ ok: true, against: 'manifest', catalog: [] });
      expect(v.fingerprint.actual).toBe(manifest.fingerprint);
      expect(v.tables.map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    } finally {
      await q(server!.url, 'ALTER DATABASE source_away RENAME TO source_db');
    }
    expect(await q(dbUrl('restored_one'), 'SELECT count(*)::int AS n FROM note')).toEqual([{ n: 802 }]);

    // Human output and the refusal to overwrite: the existing database keeps its rows.
    await q(dbUrl('restored_one'), "INSERT INTO note VALUES (1, 'mine')");
    const again = await strata('restore', dump, '--into', 'restored_one', '--database-url', server!.url);
    expect(again.code).toBe(1);
    expect(again.err).toContain('database "restored_one" already exists; restore only ever creates a new database');
    expect(again.err).toContain('hint: choose another name with --into NAME');
    expect(await q(dbUrl('restored_one'), 'SELECT count(*)::int AS n FROM note')).toEqual([{ n: 803 }]);

    const human = await strata('restore', dump, '--database-url', server!.url);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/restored .*source\.dump into source_restored/);
    expect(human.out).toContain('verified against the manifest: catalog equal');
    expect(human.out).toContain('4 tables, 1603 rows, all checksums equal');
  });

  it('names the table whose rows differ and the catalog difference, and exits 1', async () => {
    if (!existsSync(dump)) await strata('backup', '--output', dump, '--database-url', sourceUrl);
    await q(sourceUrl, "UPDATE account SET name = 'changed' WHERE id = 7; ALTER TABLE event ADD COLUMN extra int");
    try {
      const r = await strata('restore', dump, '--into', 'restored_vs_source', '--source', sourceUrl, '--database-url', server!.url);
      expect(r.code).toBe(1);
      expect(r.out).toContain('verification against the source FAILED');
      expect(r.out).toMatch(/table public\.account: same row count, different rows \(expected 500 rows, checksum [0-9a-f]{12}; restored 500 rows, checksum [0-9a-f]{12}\)/);
      expect(r.out).toMatch(/catalog: column:public\.event\.extra: missing in the restored database/);
      expect(r.out).not.toContain('table public.note');
    } finally {
      await q(sourceUrl, "UPDATE account SET name = 'a7' WHERE id = 7; ALTER TABLE event DROP COLUMN extra");
    }
    // A missing row is a row-count difference, an extra table is listed too.
    const manifest = JSON.parse(await readFile(`${dump}.json`, 'utf8')) as Manifest;
    const target = dbUrl('restored_vs_source');
    await q(target, 'DELETE FROM note WHERE ctid = (SELECT min(ctid) FROM note); CREATE TABLE stray (id int)');
    const v = await verifyAgainst(target, manifest, 'manifest');
    expect(v.ok).toBe(false);
    expect(v.tables.filter((t) => t.status !== 'ok')).toEqual([
      expect.objectContaining({ table: 'public.note', status: 'rows', expected: expect.objectContaining({ rows: 802 }), actual: expect.objectContaining({ rows: 801 }) }),
      expect.objectContaining({ table: 'public.stray', status: 'extra' }),
    ]);
    expect(v.catalog.map((d) => `${d.kind} ${d.id}`)).toContain('extra table:public.stray');
  });

  it('refuses damaged dumps before and during the restore, and leaves no database behind', async () => {
    if (!existsSync(dump)) await strata('backup', '--output', dump, '--database-url', sourceUrl);
    const bad = path.join(tmp, 'bad.dump');
    await copyFile(dump, bad);
    await copyFile(`${dump}.json`, `${bad}.json`);
    const bytes = await readFile(bad);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 0xff;
    await writeFile(bad, bytes);
    const flipped = await strata('restore', bad, '--into', 'from_bad', '--database-url', server!.url);
    expect(flipped.code).toBe(1);
    expect(flipped.err).toMatch(/bad\.dump does not match its manifest: sha256 [0-9a-f]{12}…, the backup wrote [0-9a-f]{12}…/);

    // Without the manifest pg_restore itself meets the damage: the half-made database is dropped.
    await rm(`${bad}.json`);
    await truncate(bad, Math.floor(bytes.length * 0.6));
    const cut = await strata('restore', bad, '--into', 'from_cut', '--no-verify', '--database-url', server!.url);
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/error: pg_restore (could not read|failed)/);
    expect(await q(server!.url, "SELECT datname FROM pg_database WHERE datname = 'from_cut'")).toEqual([]);

    const text = path.join(tmp, 'notes.txt');
    await writeFile(text, 'not a dump\n');
    const notDump = await strata('restore', text, '--no-verify', '--database-url', server!.url);
    expect(notDump).toMatchObject({ code: 1, err: expect.stringContaining('notes.txt is not a readable pg_dump archive') });
    expect(await q(server!.url, "SELECT datname FROM pg_database WHERE datname = 'notes_restored'")).toEqual([]);

    const noManifest = await strata('restore', bad, '--database-url', server!.url);
    expect(noManifest).toMatchObject({ code: 1, err: expect.stringContaining('has no manifest (bad.dump.json) to verify the restore against') });
  });

  it('fails with backup.concurrent-ddl and writes nothing when DDL commits while it dumps', async () => {
    await q(server!.url, 'CREATE DATABASE ddl_db');
    const ddlUrl = dbUrl('ddl_db');
    await q(ddlUrl, "CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept SELECT generate_series(1, 50)");
    // A pg_dump that first commits DDL on another connection: the backup's snapshot is exported and
    // held by then, so the DDL lands between the catalog snapshot and the re-check, as a migration would.
    const project = path.join(tmp, 'ddl-project');
    const bin = path.join(project, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(project, 'strata.config.json'), JSON.stringify({ backup: { pgBin: 'bin' } }));
    const script = [
      '#!/bin/sh',
      `case "$*" in *--snapshot=*) ${PG15_PSQL} -X -q -v ON_ERROR_STOP=1 -d '${ddlUrl}' -c 'CREATE TABLE added_while_dumping (id int)' || exit 3 ;; esac`,
      `exec ${path.join(path.dirname(PG15_PSQL), 'pg_dump')} "$@"`,
      '',
    ].join('\n');
    await writeFile(path.join(bin, 'pg_dump'), script, { mode: 0o755 });
    let out = '';
    let err = '';
    const code = await main(['backup', '--output', 'ddl.dump', '--database-url', ddlUrl, '--json'], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: project, isTTY: false });
    expect({ code, out }).toMatchObject({ code: 1, out: expect.stringContaining('backup.concurrent-ddl') });
    expect(out + err).toContain('the schema changed while the backup ran');
    // The DDL did run during the dump, and no dump, partial file or manifest is left.
    expect(await q(ddlUrl, "SELECT to_regclass('added_while_dumping') IS NOT NULL AS there")).toEqual([{ there: true }]);
    expect(await readdir(project)).toEqual(['bin', 'strata.config.json']);

    // With the schema quiet again, the same backup succeeds.
    await writeFile(path.join(bin, 'pg_dump'), `#!/bin/sh\nexec ${path.join(path.dirname(PG15_PSQL), 'pg_dump')} "$@"\n`, { mode: 0o755 });
    const again = await main(['backup', '--output', 'ddl.dump', '--database-url', ddlUrl], { out: () => undefined, err: (t) => void (err += t), cwd: project, isTTY: false });
    expect(again).toBe(0);
    expect((await readdir(project)).sort()).toEqual(['bin', 'ddl.dump', 'ddl.dump.json', 'strata.config.json']);
  });
});

describe('refusals any machine can check', () => {
  it('bad paths are usage errors', async () => {
    expect(await strata('restore', path.join(tmp, 'nope.dump'))).toMatchObject({ code: 2, err: expect.stringContaining('no such dump file') });
    expect(existsSync(path.join(tmp, '.strata')), 'a typo starts no dev cluster').toBe(false);
    expect(await strata('backup', '--output', path.join(tmp, 'no', 'such', 'dir', 'x.dump'), '--database-url', 'postgres://127.0.0.1:1/x')).toMatchObject({
      code: 2,
      err: expect.stringContaining('is not a directory'),
    });
    expect(await strata('backup')).toMatchObject({ code: 2, err: expect.stringContaining('--output FILE is required') });
    expect((await strata('backup', '--help')).out).toContain('--output');
    expect((await strata('restore', '--help')).out).toContain('--into');
  });

  it('a server newer than every pg_dump on the machine is refused with the versions found', async (ctx) => {
    const srv = await testServer();
    const [{ v }] = (await q<{ v: string }>(srv.url(), "SELECT current_setting('server_version_num') AS v")) as [{ v: string }];
    const major = Math.floor(Number(v) / 10000);
    const tools = listTools('pg_dump');
    if (tools.some((t) => t.major >= major)) {
      console.warn(`skipped: this machine has pg_dump ${major} or newer (${tools.map((t) => t.path).join(', ')})`);
      ctx.skip();
    }
    const r = await strata('backup', '--output', path.join(tmp, 'dev.dump'), '--database-url', srv.url());
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: the server is PostgreSQL ${major} but no pg_dump of version ${major} or newer was found; found: PostgreSQL`);
    expect(r.err).toContain(`hint: install the PostgreSQL ${major} client tools`);
    expect(existsSync(path.join(tmp, 'dev.dump'))).toBe(false);
  });
});

it('compareTables tells missing, extra, count and content differences apart', () => {
  const t = (table: string, rows: number, checksum: string) => ({ table, rows, checksum });
  expect(
    compareTables([t('a', 1, 'x'), t('b', 2, 'y'), t('c', 3, 'z'), t('d', 1, 'w')], [t('a', 1, 'x'), t('b', 2, 'Y'), t('c', 4, 'z'), t('e', 0, 'v')]).map((r) => `${r.table}:${r.status}`),
  ).toEqual(['a:ok', 'b:checksum', 'c:rows', 'd:missing', 'e:extra']);
});
