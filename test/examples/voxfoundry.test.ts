/**
 * examples/voxfoundry is a second product's schema laid out as a user's project.
 * Every command runs on it through --project (or from inside it) on the test
 * server, and its committed files must be what the engine produces: no pending
 * diff, migrations that build schema/, a clean up/down round trip, fresh types.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands, main, projectRoot } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/index.js';
import { listDifferences } from '../../src/diff/index.js';
import { buildInto, snapshotDatabase } from '../../src/state/index.js';
import type { Snapshot } from '../../src/engine/index.js';
import { PROJECT_ROOT, testServer, type ScratchDb, type TestServer } from '../helpers/server.js';
import { query } from '../runner/helpers.js';

const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'voxfoundry');

let server: TestServer;
let db: ScratchDb;
/** schema/ built once: the desired snapshot, and the database for the tests of what the schema itself does. */
let built: ScratchDb;
let empty: Snapshot;
let desired: Snapshot;

beforeAll(async () => {
  server = await testServer();
  db = await server.scratch({ prefix: 'strata_vox' });
  built = await server.scratch({ prefix: 'strata_vox' });
  await buildInto({ kind: 'schemaDir', dir: path.join(EXAMPLE, 'schema') }, built.url);
  // What buildSnapshot would return for schema/ (same builder, and schema/ names no role or rename hint), without a second build.
  [empty, desired] = await Promise.all([snapshotDatabase(db.url), snapshotDatabase(built.url)]);
});
afterAll(async () => {
  await db?.drop();
  await built?.drop();
});

async function strata(argv: string[], cwd = PROJECT_ROOT) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, out: (t) => (stdout += t), err: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

describe('examples/voxfoundry', () => {
  it('has its own config: the repository root\'s tenancy does not leak in, from --project or from inside', async () => {
    const repo = await loadConfig(PROJECT_ROOT);
    expect(repo.tenancy).toBeDefined();
    for (const from of [EXAMPLE, path.join(EXAMPLE, 'schema'), path.join(EXAMPLE, 'queries')]) {
      const root = projectRoot(from);
      expect(root).toBe(EXAMPLE);
      const cfg = await loadConfig(root);
      expect(cfg.file).toBe(path.join(EXAMPLE, 'strata.config.json'));
      expect(cfg.tenancy).toBeUndefined();
      expect(cfg.paths.schema).toBe(path.join(EXAMPLE, 'schema'));
    }
  });

  it('strata diff reports no changes: the committed migrations are what the engine writes for schema/', async () => {
    const r = await strata(['--project', 'examples/voxfoundry', '--database-url', server.url(), 'diff']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('no changes\n');
    // The same from inside the project, without --project.
    const inside = await strata(['--database-url', server.url(), 'diff'], path.join(EXAMPLE, 'schema'));
    expect(inside.stdout).toBe('no changes\n');
  });

  it('migrate up builds exactly schema/, down returns to an empty database, up again rebuilds it', async () => {
    const args = ['--project', EXAMPLE, '--database-url', db.url];
    const up = await strata([...args, 'migrate', 'up']);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/applied \d{14}_initial/);
    expect(listDifferences(desired, await snapshotDatabase(db.url))).toEqual([]);

    const down = await strata([...args, 'migrate', 'down', '--to', '0']);
    expect(down.code).toBe(0);
    expect(listDifferences(empty, await snapshotDatabase(db.url))).toEqual([]);

    expect((await strata([...args, 'migrate', 'up'])).code).toBe(0);
    expect(listDifferences(desired, await snapshotDatabase(db.url))).toEqual([]);
    const status = await strata([...args, 'migrate', 'status']);
    expect(status.code).toBe(0);
  });

  it('documents every table and column, and indexes every foreign key by its leading columns', async () => {
    const undocumented = await query<{ what: string }>(built.url, `
      SELECT c.relname AS what FROM pg_class c
      WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND obj_description(c.oid, 'pg_class') IS NULL
      UNION ALL
      SELECT c.relname || '.' || a.attname FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND col_description(c.oid, a.attnum) IS NULL
      ORDER BY 1`);
    expect(undocumented).toEqual([]);
    const unindexed = await query<{ conname: string }>(built.url, `
      SELECT con.conname
      FROM pg_constraint con
      WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i
          WHERE i.indrelid = con.conrelid
            AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] @> con.conkey
            AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] <@ con.conkey)
      ORDER BY 1`);
    expect(unindexed).toEqual([]);
    const tables = await query<{ relname: string }>(built.url, `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 1`);
    expect(tables.map((t) => t.relname)).toEqual([
      'acting_notes', 'audio_files', 'books', 'chapter_characters', 'chapters', 'character_voice_profiles', 'characters', 'user_sessions', 'users', 'voice_profiles',
    ]);
  });

  it('its constraints hold: a character cannot appear in another book\'s chapter, one primary voice per character', async () => {
    await query(built.url, `
      INSERT INTO users (email, display_name) VALUES ('ada@example.org', 'Ada');
      INSERT INTO books (owner_id, title, authors, language, epub_identifier, epub_version, epub_storage_key, epub_sha256, epub_size_bytes)
      SELECT id, t, ARRAY['Anon'], 'en', 'urn:uuid:' || t, '3.0', 'epub/' || t, sha256(t::bytea), 1000
      FROM users, unnest(ARRAY['one', 'two']) t;
      INSERT INTO chapters (book_id, position, title, epub_href, body, word_count)
      SELECT id, 1, 'Chapter 1', 'ch1.xhtml', 'Once upon a time.', 4 FROM books;
      INSERT INTO characters (book_id, name) SELECT id, 'Mara' FROM books;
      INSERT INTO voice_profiles (owner_id, name, provider, provider_voice_id) SELECT id, v, 'azure', v FROM users, unnest(ARRAY['warm', 'dry']) v;`);
    const reject = async (sql: string) => query(built.url, sql).then(() => undefined, (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }));
    expect(await reject(`
      INSERT INTO chapter_characters (book_id, chapter_id, character_id)
      SELECT b.id, ch.id, c.id FROM books b JOIN chapters ch ON ch.book_id = b.id JOIN characters c ON c.book_id <> b.id WHERE b.title = 'one'`))
      .toEqual({ code: '23503', constraint: 'chapter_characters_character_fkey' });
    expect(await reject(`
      INSERT INTO character_voice_profiles (character_id, voice_profile_id, is_primary)
      SELECT c.id, v.id, true FROM characters c JOIN books b ON b.id = c.book_id AND b.title = 'one' CROSS JOIN voice_profiles v`))
      .toEqual({ code: '23505', constraint: 'character_voice_profiles_one_primary_idx' });
    expect(await reject(`INSERT INTO audio_files (chapter_id, version, status, format) SELECT id, 1, 'ready', 'mp3' FROM chapters LIMIT 1`))
      .toEqual({ code: '23514', constraint: 'audio_files_ready_check' });
  });

  it('strata types --check: the committed typed queries are current', async () => {
    const r = await strata(['--project', 'examples/voxfoundry', '--database-url', server.url(), 'types', '--check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 generated files are up to date \(typed against migrations\/\)/);
  });

  it('runs the generated suites, lint and docs on it when this build of strata has those commands', async () => {
    const have = new Set((await allCommands()).map((c) => c.path.join(' ')));
    const verbs = ['test', 'lint', 'docs'];
    const absent = verbs.filter((v) => !have.has(v));
    if (absent.length) console.log(`strata ${absent.join(', ')}: not built on this branch, so not run on examples/voxfoundry`);
    const present = verbs.filter((v) => have.has(v));
    if (!present.length) return;
    // A copy, so generated output never lands in the repository from a test run.
    const copy = mkdtempSync(path.join(tmpdir(), 'strata-vox-'));
    // Its own database: a command may migrate or seed the database it is given.
    const own = await server.scratch({ prefix: 'strata_vox' });
    try {
      cpSync(EXAMPLE, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}.strata`) });
      for (const verb of present) {
        const r = await strata(['--project', copy, '--database-url', own.url, verb]);
        expect({ verb, code: r.code, stderr: r.code ? r.stderr : '' }).toEqual({ verb, code: 0, stderr: '' });
      }
    } finally {
      await own.drop();
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
