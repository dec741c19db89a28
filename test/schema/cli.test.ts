/**
 * `strata types --check` and `strata seed` through the CLI entry point: exit codes and output.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { testServer, type ScratchDb } from '../helpers/server.js';
import { ROOT, schemaDb } from './fixture.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd: ROOT, isTTY: false, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('strata types', () => {
  it('--check exits 0 when the committed files match and says what it typed against', async () => {
    const server = await testServer();
    const r = await run(['types', '--check', '--database-url', server.url()]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // One generated module per queries/*.sql file.
    const listing = await readdir(path.join(ROOT, 'queries'));
    const sources = listing.filter((f) => f.endsWith('.sql')).length;
    expect(r.out).toMatch(new RegExp(`^${sources} generated files are up to date \\(typed against (migrations/|schema/)`));
    // Up to date, so the committed modules are what pgtyped generates: they hold every typed query.
    let queries = 0;
    for (const f of listing.filter((name) => name.endsWith('.queries.ts'))) queries += (await readFile(path.join(ROOT, 'queries', f), 'utf8')).match(/new PreparedQuery</g)?.length ?? 0;
    expect(queries).toBeGreaterThanOrEqual(25);
  });
});

describe('strata seed', () => {
  let db: ScratchDb;
  beforeAll(async () => {
    db = await schemaDb();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('seeds a dev-looking target and reports the rows', async () => {
    const r = await run(['seed', '--target', db.url, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { rows: Record<string, number> };
    expect(report.rows.projects).toBe(36);
    expect(report.rows.tasks).toBe(540);
  });

  it('refuses a target that does not look like a dev database, with exit code 1 and a hint', async () => {
    const server = await testServer();
    const r = await run(['seed', '--target', server.url('postgres')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refusing to seed: database "postgres" does not look like a dev or scratch database/);
    expect(r.err).toMatch(/--force/);
  });

  it('rejects a malformed --scale as a usage error', async () => {
    const r = await run(['seed', '--scale', 'ten', '--target', db.url]);
    expect(r.code).toBe(2);
  });

  it('rejects a profile the config does not define, naming the ones it does', async () => {
    const r = await run(['seed', '--profile', 'huge', '--target', db.url]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no seed profile "huge" in the project config\nhint: configured profiles: dev, scale/);
  });
});
