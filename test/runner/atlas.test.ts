/**
 * Interoperability with the Atlas CLI built by `make atlas`:
 * Atlas validates and applies a directory strata wrote, strata applies one
 * Atlas wrote, and `strata verify` lists what Atlas's community build leaves
 * out (functions, triggers, views, policies).
 *
 * The newest Atlas CLI the module proxy serves (cmd/atlas v0.13.1) cannot open
 * PostgreSQL >= 16 (it reads lc_collate from pg_settings), so Atlas talks to a
 * throwaway PostgreSQL 15 cluster started here from ATLAS_PG_BIN
 * (default /usr/lib/postgresql/15/bin). strata's side also runs on the
 * project's PostgreSQL 18 test server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServerTarget } from '../../src/cluster/index.js';
import { removeCluster, startCluster } from '../../src/cluster/embedded.js';
import { execOnce } from '../../src/db/connect.js';
import { NO_TRANSACTION_HEADER, checkAtlasSum, writeAtlasSum, writeAtlasSource } from '../../src/migrations/index.js';
import { migrateStatus, migrateUp } from '../../src/runner/index.js';
import { verifyMigrations } from '../../src/verify/index.js';
import { withPgBin } from '../helpers/pg-bin.js';
import { testServer } from '../helpers/server.js';
import { ATLAS, hasAtlas, skipReason } from './atlas-tools.js';
import { catalogFingerprint, query, tempDir } from './helpers.js';

const run = promisify(execFile);
const PG15 = process.env.ATLAS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const hasPg15 = existsSync(path.join(PG15, 'postgres'));
const ready = hasAtlas && hasPg15;
if (!hasAtlas) console.log(`atlas interop tests ${skipReason('.tools/bin/atlas')}`);
else if (!hasPg15) console.log(`atlas interop tests skipped: no PostgreSQL server binaries in ${PG15} (apt-get install postgresql-15, or set ATLAS_PG_BIN)`);

const SCHEMA = `CREATE TYPE post_state AS ENUM ('draft', 'live');
CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE posts (
  id bigint PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES authors (id),
  state post_state NOT NULL DEFAULT 'draft',
  title text NOT NULL
);
CREATE INDEX posts_author_idx ON posts (author_id);
CREATE FUNCTION posts_title_trim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.title := btrim(NEW.title);
  RETURN NEW;
END $$;
CREATE TRIGGER posts_title_trim BEFORE INSERT OR UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION posts_title_trim();
CREATE VIEW live_posts AS SELECT id, title FROM posts WHERE state = 'live';
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_live ON posts FOR SELECT USING (state = 'live');
`;

/** A directory in the shape `strata diff` writes: up/down pairs, a no-transaction file, atlas.sum. */
const STRATA_DIR: Record<string, string> = {
  '20250101000001_authors.up.sql': 'CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL);\n',
  '20250101000001_authors.down.sql': 'DROP TABLE authors;\n',
  '20250101000002_posts.up.sql': `CREATE TYPE post_state AS ENUM ('draft', 'live');
CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES authors (id), state post_state NOT NULL DEFAULT 'draft', title text NOT NULL);
CREATE FUNCTION posts_title_trim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.title := btrim(NEW.title);
  RETURN NEW;
END $$;
CREATE TRIGGER posts_title_trim BEFORE INSERT OR UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION posts_title_trim();
`,
  '20250101000002_posts.down.sql': 'DROP TABLE posts;\nDROP FUNCTION posts_title_trim();\nDROP TYPE post_state;\n',
  '20250101000003_posts_author_idx.up.sql': `${NO_TRANSACTION_HEADER}CREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n`,
  '20250101000003_posts_author_idx.down.sql': `${NO_TRANSACTION_HEADER}DROP INDEX CONCURRENTLY posts_author_idx;\n`,
};

let pgDir: string;
let pg15: string;
let pg18: ServerTarget;
const cleanups: (() => Promise<void>)[] = [];

async function freshDb(adminUrl: string, label: string): Promise<string> {
  const name = `strata_run_${label}_${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
  await execOnce(adminUrl, `CREATE DATABASE ${name}`);
  cleanups.push(() => execOnce(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  return u.toString();
}

const atlasUrl = (url: string) => `${url}${url.includes('?') ? '&' : '?'}sslmode=disable`;
const dirUrl = (dir: string) => `file://${dir}?format=golang-migrate`;

async function atlas(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(ATLAS, args, { env: { ...process.env, ATLAS_NO_UPDATE_NOTIFIER: '1' } });
    return stdout + stderr;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`atlas ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`);
  }
}

/** The sum flavour this Atlas binary writes (before v0.36 it hashes down files too). */
async function binaryFlavour(): Promise<'current' | 'legacy'> {
  const d = await tempDir({ '1_p.up.sql': 'SELECT 1;\n', '1_p.down.sql': 'SELECT 1;\n' });
  try {
    await atlas('migrate', 'hash', '--dir', dirUrl(d.dir));
    return (await readFile(path.join(d.dir, 'atlas.sum'), 'utf8')).includes('.down.sql') ? 'legacy' : 'current';
  } finally {
    await d.remove();
  }
}

describe.skipIf(!ready)('Atlas interop', () => {
  beforeAll(async () => {
    pgDir = await mkdtemp(path.join(tmpdir(), 'strata-run-pg15-'));
    pg15 = (await withPgBin(PG15, () => startCluster({ cwd: process.cwd(), dir: pgDir }))).url!;
    pg18 = { adminUrl: (await testServer()).url(), external: true };
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
    if (pgDir) {
      await removeCluster({ cwd: process.cwd(), dir: pgDir });
      await rm(pgDir, { recursive: true, force: true });
    }
  });

  it('Atlas validates and applies a directory strata wrote, and strata accepts the result', async () => {
    const d = await tempDir(STRATA_DIR);
    cleanups.push(d.remove);
    const flavour = await binaryFlavour();
    await writeAtlasSum(d.dir, flavour);
    const dev = await freshDb(pg15, 'atlasdev');
    await atlas('migrate', 'validate', '--dir', dirUrl(d.dir), '--dev-url', atlasUrl(dev));
    const target = await freshDb(pg15, 'atlasapply');
    // The 2023 CLI ignores file-level `atlas:txmode` in golang-migrate folders (its
    // modeFor only looks at *migrate.LocalFile), so it gets the mode on the command line.
    const txMode = flavour === 'legacy' ? ['--tx-mode', 'none'] : [];
    const out = await atlas('migrate', 'apply', '--dir', dirUrl(d.dir), '--url', atlasUrl(target), ...txMode);
    expect(out).toMatch(/20250101000003/);
    // Atlas ran the no-transaction file outside a transaction (CONCURRENTLY would fail inside one).
    expect(await query(target, `SELECT indisvalid FROM pg_index WHERE indexrelid = 'posts_author_idx'::regclass`)).toEqual([{ indisvalid: true }]);
    // The same directory through strata's runner builds the same catalog.
    const viaStrata = await freshDb(pg15, 'strataapply');
    await migrateUp({ url: viaStrata, dir: d.dir });
    expect(await catalogFingerprint(viaStrata)).toBe(await catalogFingerprint(target, ['atlas_schema_revisions']));
    // An edited file is refused by Atlas too.
    await d.write('20250101000001_authors.up.sql', 'CREATE TABLE authors (id bigint PRIMARY KEY);\n');
    await expect(atlas('migrate', 'validate', '--dir', dirUrl(d.dir), '--dev-url', atlasUrl(dev))).rejects.toThrow(/checksum/i);
  });

  it('strata applies a directory Atlas wrote, and verify lists what the community build left out', async () => {
    const work = await tempDir({ 'schema.sql': SCHEMA });
    cleanups.push(work.remove);
    const migrations = path.join(work.dir, 'migrations');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(migrations);
    await atlas('migrate', 'hash', '--dir', dirUrl(migrations));
    const src = path.join(work.dir, 'atlas-src.sql');
    await writeAtlasSource(work.dir, src);
    const dev = await freshDb(pg15, 'atlasdiff');
    await atlas('migrate', 'diff', 'init', '--dir', dirUrl(migrations), '--to', `file://${src}`, '--dev-url', atlasUrl(dev));
    await checkAtlasSum(migrations);

    // strata applies Atlas's files, on PostgreSQL 15 and 18.
    for (const url of [await freshDb(pg15, 'fromatlas'), await freshDb(pg18.adminUrl, 'fromatlas')]) {
      const r = await migrateUp({ url, dir: migrations });
      expect(r.applied).toHaveLength(1);
      expect(await query(url, `SELECT to_regclass('posts')::text AS t, to_regclass('posts_author_idx')::text AS i`)).toEqual([{ t: 'posts', i: 'posts_author_idx' }]);
      expect((await migrateStatus({ url, dir: migrations })).problems).toEqual([]);
    }

    // verify replays the directory and lists every object of the desired state it misses.
    const schemaDir = path.join(work.dir, 'desired');
    await mkdir(schemaDir);
    await writeFile(path.join(schemaDir, 'app.sql'), SCHEMA);
    const v = await verifyMigrations({ server: pg18, dir: migrations, schemaDir });
    const missing = v.differences.filter((x) => x.kind === 'missing').map((x) => x.id);
    expect(missing).toEqual(
      expect.arrayContaining(['function:public.posts_title_trim()', 'trigger:public.posts.posts_title_trim', 'view:public.live_posts', 'policy:public.posts.posts_live']),
    );
    // Tables, columns, the enum, the foreign key and the index were all written by Atlas.
    expect(v.differences.filter((x) => /^(table|column|enum|index|constraint):/.test(x.id) && x.kind === 'missing')).toEqual([]);
  });
});

