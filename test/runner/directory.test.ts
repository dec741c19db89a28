import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../../src/core/diagnostic.js';
import {
  checkAtlasSum,
  computeAtlasSum,
  isNonTransactional,
  nextVersion,
  parseAtlasSum,
  readMigrationDir,
  splitStatements,
  writeAtlasSum,
} from '../../src/migrations/index.js';
import { ATLAS_SUM, hasAtlasSum, skipReason } from './atlas-tools.js';
import { tempDir } from './helpers.js';

if (!hasAtlasSum) console.log(`atlas.sum comparison with the Atlas library ${skipReason('.tools/bin/atlas-sum')}`);

let dirs: Awaited<ReturnType<typeof tempDir>>[] = [];
async function mk(files: Record<string, string>) {
  const d = await tempDir(files);
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.map((d) => d.remove()));
  dirs = [];
});

const FILES = {
  '20250101000001_users.up.sql': 'CREATE TABLE users (id int);\n',
  '20250101000001_users.down.sql': 'DROP TABLE users;\n',
  '20250101000002_idx.up.sql': '-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_id ON users (id);\n',
  '20250101000002_idx.down.sql': 'DROP INDEX users_id;\n',
  '20250101000003_seed.up.sql': "-- atlas:sum ignore\nINSERT INTO users VALUES (1);\n",
  '20250101000004_ünïcode.up.sql': "COMMENT ON TABLE users IS 'ünïcode ✓';\n",
  'README.md': 'not a migration\n',
};

describe('readMigrationDir', () => {
  it('pairs up and down files, orders by version and reads the no-transaction directive', async () => {
    const d = await mk(FILES);
    const m = await readMigrationDir(d.dir);
    expect(m.migrations.map((x) => [x.version, x.name, x.up.transactional, x.down !== undefined])).toEqual([
      ['20250101000001', 'users', true, true],
      ['20250101000002', 'idx', false, true],
      ['20250101000003', 'seed', true, false],
      ['20250101000004', 'ünïcode', true, false],
    ]);
    expect(m.warnings.map((w) => w.code).sort()).toEqual(['migrations.no-down', 'migrations.no-down']);
  });

  it('flags versions whose numeric and file-name order differ (Atlas orders by name)', async () => {
    const d = await mk({ '9_a.up.sql': 'SELECT 1;', '10_b.up.sql': 'SELECT 2;' });
    const m = await readMigrationDir(d.dir);
    expect(m.migrations.map((x) => x.version)).toEqual(['9', '10']);
    expect(m.warnings.find((w) => w.code === 'migrations.order')?.severity).toBe('error');
  });

  it('refuses two migrations with one version and a down file without up', async () => {
    const a = await mk({ '1_a.up.sql': '', '1_b.up.sql': '' });
    await expect(readMigrationDir(a.dir)).rejects.toBeInstanceOf(StrataError);
    const b = await mk({ '1_a.down.sql': '' });
    await expect(readMigrationDir(b.dir)).rejects.toThrow(/no matching up file/);
  });

  it('only a leading comment line makes a file non-transactional', () => {
    expect(isNonTransactional('-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);')).toBe(true);
    expect(isNonTransactional('-- add an index\n-- strata:no-transaction\nSELECT 1;')).toBe(true);
    expect(isNonTransactional('-- atlas:txmode none\n\nSELECT 1;')).toBe(true);
    expect(isNonTransactional('SELECT 1;\n-- strata:no-transaction\n')).toBe(false);
    expect(isNonTransactional("SELECT '-- strata:no-transaction';")).toBe(false);
  });

  it('next version is a UTC timestamp bumped past the latest', async () => {
    const d = await mk({ '20990101000000_future.up.sql': '' });
    const m = await readMigrationDir(d.dir);
    expect(nextVersion([], new Date('2025-03-04T05:06:07Z'))).toBe('20250304050607');
    expect(nextVersion(m.migrations, new Date('2025-03-04T05:06:07Z'))).toBe('20990101000001');
  });
});

describe('splitStatements', () => {
  it('splits on the parser, keeping dollar-quoted bodies whole, with 1-based lines', async () => {
    const text = "-- head\nCREATE TABLE a (x text DEFAULT ';');\n\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\nSELECT 1";
    const s = await splitStatements(text, 'x.sql');
    expect(s.map((x) => x.line)).toEqual([2, 4, 5]);
    expect(s[1]!.sql).toBe('CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$');
  });

  it('reports a syntax error with its file', async () => {
    await expect(splitStatements('SELECT 1;\nSELEC 2;', 'bad.sql')).rejects.toMatchObject({ diagnostic: { code: 'migrations.syntax', subject: 'bad.sql' } });
  });
});

describe('atlas.sum', () => {
  it('hashes up files only, cumulatively, skipping the content of atlas:sum ignore files', async () => {
    const d = await mk(FILES);
    const sum = await computeAtlasSum(d.dir);
    expect(sum.files.map((f) => f.name)).toEqual(['20250101000001_users.up.sql', '20250101000002_idx.up.sql', '20250101000004_ünïcode.up.sql']);
    // Each line covers the files before it: editing the first file changes every line.
    await d.write('20250101000001_users.up.sql', 'CREATE TABLE users (id bigint);\n');
    const after = await computeAtlasSum(d.dir);
    expect(after.files.every((f, i) => f.hash !== sum.files[i]!.hash)).toBe(true);
    // Down files and ignored contents do not count; the ignored file's name does.
    await d.write('20250101000001_users.down.sql', 'DROP TABLE users CASCADE;\n');
    await d.write('20250101000003_seed.up.sql', '-- atlas:sum ignore\nINSERT INTO users VALUES (2);\n');
    expect((await computeAtlasSum(d.dir)).sum).toBe(after.sum);
  });

  it('writes a sum that parses and validates, and detects edits with the file named', async () => {
    const d = await mk(FILES);
    await writeAtlasSum(d.dir);
    const text = await readFile(path.join(d.dir, 'atlas.sum'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    expect(parseAtlasSum(text).files).toHaveLength(3);
    await checkAtlasSum(d.dir);
    await d.write('20250101000002_idx.up.sql', '-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_id2 ON users (id);\n');
    await expect(checkAtlasSum(d.dir)).rejects.toMatchObject({ diagnostic: { code: 'migrations.sum', detail: '  20250101000002_idx.up.sql: changed' } });
  });

  it('keeps and accepts the legacy flavour (down files hashed) of Atlas before v0.36', async () => {
    const d = await mk(FILES);
    await writeAtlasSum(d.dir, 'legacy');
    const legacy = await readFile(path.join(d.dir, 'atlas.sum'), 'utf8');
    expect(legacy).toContain('20250101000001_users.down.sql h1:');
    await checkAtlasSum(d.dir);
    await writeAtlasSum(d.dir);
    expect(await readFile(path.join(d.dir, 'atlas.sum'), 'utf8')).toBe(legacy);
    await d.write('20250101000001_users.down.sql', 'DROP TABLE users CASCADE;\n');
    await expect(checkAtlasSum(d.dir)).rejects.toBeInstanceOf(StrataError);
  });

  it('rejects a hand-edited atlas.sum whose total does not add up', () => {
    expect(() => parseAtlasSum('h1:AAAA\n1_a.up.sql h1:BBBB\n')).toThrow(/does not add up/);
  });

  it.skipIf(!hasAtlasSum)('is byte-identical to what the current Atlas library computes, and passes its validation', async () => {
    const d = await mk(FILES);
    await writeAtlasSum(d.dir);
    const ours = await readFile(path.join(d.dir, 'atlas.sum'), 'utf8');
    expect(execFileSync(ATLAS_SUM, [d.dir], { encoding: 'utf8' })).toBe(ours);
    expect(execFileSync(ATLAS_SUM, ['-validate', d.dir], { encoding: 'utf8' })).toBe('ok\n');
    await d.write('20250101000001_users.up.sql', 'CREATE TABLE users (id bigint);\n');
    expect(() => execFileSync(ATLAS_SUM, ['-validate', d.dir], { stdio: 'pipe' })).toThrow();
  });
});
