/** `strata migrate|verify|drift` through the CLI entry point: output, --json and exit codes. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { ScratchDb } from '../helpers/server.js';
import { scratch, tempDir } from './helpers.js';

let db: ScratchDb;
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  db = await scratch();
  dir = await tempDir({
    '20250101000001_a.up.sql': 'CREATE TABLE a (id int);\n',
    '20250101000001_a.down.sql': 'DROP TABLE a;\n',
    '20250101000002_b.up.sql': 'CREATE TABLE b (id int);\n',
    '20250101000002_b.down.sql': 'DROP TABLE b;\n',
  });
});
afterEach(async () => {
  await db?.drop();
  await dir?.remove();
});

async function strata(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--dir', dir.dir, '--database-url', db.url], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    cwd: process.cwd(),
    isTTY: false,
  });
  return { code, out, err };
}

it('up, status --json, down, and a refusal with exit 1 and its remedy', async () => {
  expect(await strata('migrate', 'up', '--to', '20250101000001')).toMatchObject({ code: 0, out: expect.stringContaining('applied 20250101000001_a') });
  const status = await strata('migrate', 'status', '--json');
  expect(status.code).toBe(0);
  expect(JSON.parse(status.out).entries.map((e: { state: string }) => e.state)).toEqual(['applied', 'pending']);
  expect((await strata('migrate', 'up')).out).toContain('applied 20250101000002_b');
  expect((await strata('migrate', 'down', '--steps', '2')).out).toMatch(/rolled back 20250101000002_b[\s\S]*rolled back 20250101000001_a/);
  await strata('migrate', 'up');
  await dir.write('20250101000001_a.up.sql', 'CREATE TABLE a (id bigint);\n');
  const refused = await strata('migrate', 'up');
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('was changed after it was applied');
  expect(refused.err).toContain('hint: restore it');
  expect((await strata('migrate', 'status')).code).toBe(1);
  expect((await strata('migrate', 'repair', '--checksums')).out).toContain('checksum updated');
  expect((await strata('migrate', 'status')).code).toBe(0);
});

it('hash writes atlas.sum, validate checks it, and bad arguments are usage errors', async () => {
  expect((await strata('migrate', 'validate')).code).toBe(1);
  expect((await strata('migrate', 'hash')).code).toBe(0);
  expect(await readFile(path.join(dir.dir, 'atlas.sum'), 'utf8')).toMatch(/^h1:/);
  expect(await strata('migrate', 'validate')).toMatchObject({ code: 0, out: 'ok: 2 migrations, atlas.sum matches\n' });
  await dir.write('20250101000003_c.up.sql', 'SELECT 1;\n');
  expect((await strata('migrate', 'validate')).err).toContain('20250101000003_c.up.sql: added');
  // up refuses to run files atlas.sum does not cover, as `atlas migrate apply` does.
  expect((await strata('migrate', 'up')).err).toContain('atlas.sum does not match');
  expect(await strata('migrate', 'status')).toMatchObject({ code: 1, err: expect.stringContaining('atlas.sum does not match') });
  expect((await strata('migrate', 'down', '--steps', 'x')).code).toBe(2);
  expect((await strata('migrate', 'up', '--lock-timeout', 'soon')).code).toBe(2);
});
