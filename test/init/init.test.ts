/**
 * `strata init` and `--project`, in-process through the CLI entry point: the
 * layout, refusing to overwrite, the .gitignore rule, and a project root that
 * never falls through to an enclosing project's config.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, projectRoot } from '../../src/cli/main.js';
import { loadConfig, parseConfig } from '../../src/config/index.js';
import { MAKE_TARGETS } from '../../src/init/templates.js';
import { PROJECT_ROOT } from '../helpers/server.js';

const base = mkdtempSync(path.join(tmpdir(), 'strata-init-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function run(argv: string[], cwd = base) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, out: (t) => (stdout += t), err: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

describe('strata init', () => {
  it('lays out a project and prints the next three commands', async () => {
    const r = await run(['init', 'fresh']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const root = path.join(base, 'fresh');
    for (const f of ['schema', 'queries', 'migrations', 'test', 'docs']) expect(existsSync(path.join(root, f, '.gitkeep'))).toBe(true);
    for (const f of ['strata.config.json', 'atlas.hcl', 'pgtyped.config.json', 'Makefile', '.gitignore']) expect(existsSync(path.join(root, f))).toBe(true);
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^\.strata\/$/m);
    const next = r.stdout.split('\n').filter((l) => l.startsWith('  npx strata'));
    expect(next.map((l) => l.split('#')[0]!.trim())).toEqual([
      'npx strata --project fresh diff initial',
      'npx strata --project fresh migrate up',
      'npx strata --project fresh types',
    ]);
  });

  it('writes a config that strata reads: commented JSON, default folders, tenancy left to the user', async () => {
    const root = path.join(base, 'cfg');
    expect((await run(['init', 'cfg'])).code).toBe(0);
    const text = readFileSync(path.join(root, 'strata.config.json'), 'utf8');
    expect(text).toMatch(/^\s*\/\//m);
    expect(Object.keys(parseConfig(text, 'strata.config.json')).sort()).toEqual(['docs', 'migrations', 'queries', 'schema', 'seed']);
    const cfg = await loadConfig(root);
    expect(cfg.paths.schema).toBe(path.join(root, 'schema'));
    expect(cfg.tenancy).toBeUndefined();
    // The commented-out tenancy block is valid once uncommented.
    const uncommented = text.replace(/^(\s*)\/\/ ("tenancy"|  "|})/gm, '$1$2').replace(/^(\s*)\/\/ (\})/gm, '$1$2');
    expect(parseConfig(uncommented, 'x').tenancy).toEqual({ column: 'tenant_id', roles: ['app_user'], settings: { tenant: 'app.tenant_id', user: 'app.user_id' } });
  });

  it('refuses to overwrite: names every existing file, writes nothing, exit 1', async () => {
    const root = path.join(base, 'taken');
    mkdirSync(root);
    writeFileSync(path.join(root, 'Makefile'), 'mine\n');
    writeFileSync(path.join(root, 'atlas.hcl'), 'mine\n');
    const r = await run(['--project', root, 'init']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/atlas\.hcl, Makefile already exist .*nothing was written/);
    expect(r.stderr).toMatch(/^hint: /m);
    expect(readFileSync(path.join(root, 'Makefile'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(root, 'schema'))).toBe(false);
    expect(existsSync(path.join(root, 'strata.config.json'))).toBe(false);
  });

  it('a second init in the same directory is refused', async () => {
    const root = path.join(base, 'twice');
    expect((await run(['init'], (mkdirSync(root), root))).code).toBe(0);
    const again = await run(['init'], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/strata\.config\.json, atlas\.hcl, pgtyped\.config\.json, Makefile already exist/);
  });

  it('adds .strata/ to an existing .gitignore instead of refusing, and only once', async () => {
    const root = path.join(base, 'gi');
    mkdirSync(root);
    writeFileSync(path.join(root, '.gitignore'), 'dist');
    const r = await run(['init', '--json'], root);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { written: string[]; updated: string[]; next: string[] };
    expect(out.updated).toEqual(['.gitignore']);
    expect(out.written).not.toContain('.gitignore');
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('dist\n.strata/\n');
    expect(out.next).toHaveLength(3);
  });

  it('keeps files already in a folder (no .gitkeep next to them)', async () => {
    const root = path.join(base, 'withschema');
    mkdirSync(path.join(root, 'schema'), { recursive: true });
    writeFileSync(path.join(root, 'schema', 'a.sql'), 'CREATE TABLE a (id int);\n');
    const r = await run(['init', 'withschema', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).written).not.toContain('schema/.gitkeep');
    expect(readFileSync(path.join(root, 'schema', 'a.sql'), 'utf8')).toMatch(/CREATE TABLE a/);
  });

  it('has the same make targets as the strata repository, less the ones for strata itself', () => {
    const repo = readFileSync(path.join(PROJECT_ROOT, 'Makefile'), 'utf8');
    const phony = (text: string) => new Set([...text.matchAll(/^\.PHONY:(.*)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/)));
    const own = new Set(['bench', 'conformance', 'typecheck', 'atlas']);
    const expected = [...phony(repo)].filter((t) => !own.has(t)).sort();
    expect([...MAKE_TARGETS].sort()).toEqual(expected);
    const generated = readFileSync(path.join(base, 'fresh', 'Makefile'), 'utf8');
    expect([...phony(generated)].sort()).toEqual(expected);
    for (const t of expected) expect(generated).toMatch(new RegExp(`^${t}:`, 'm'));
  });
});

describe('--project', () => {
  it('is the project root: an enclosing project and its config do not leak in', async () => {
    const outer = path.join(base, 'outer');
    mkdirSync(outer);
    writeFileSync(path.join(outer, 'strata.config.json'), '{ "schema": "elsewhere" }');
    expect((await run(['init', 'inner'], outer)).code).toBe(0);
    const inner = path.join(outer, 'inner');
    // From inside the inner project, and from one of its folders, the inner project is the root.
    expect(projectRoot(inner)).toBe(inner);
    expect(projectRoot(path.join(inner, 'schema'))).toBe(inner);
    expect(projectRoot(outer)).toBe(outer);
    expect((await loadConfig(projectRoot(path.join(inner, 'queries')))).paths.schema).toBe(path.join(inner, 'schema'));
  });

  it('a missing project directory is a usage error (exit 2) for commands other than init', async () => {
    const r = await run(['--project', 'nope', 'migrate', 'validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/project directory not found: nope/);
    expect(existsSync(path.join(base, 'nope'))).toBe(false);
  });

  it('every command works in the given directory: migrate validate reads that project\'s migrations', async () => {
    const root = path.join(base, 'validated');
    expect((await run(['init', 'validated'])).code).toBe(0);
    writeFileSync(path.join(root, 'migrations', '1_bad.up.sql'), 'SELECT 1;\n');
    const r = await run(['--project', root, 'migrate', 'validate'], PROJECT_ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1_bad/);
    const repo = await run(['migrate', 'validate'], PROJECT_ROOT);
    expect(repo.stderr).not.toMatch(/1_bad/);
  });

  it('shows in --help', async () => {
    const r = await run(['--help']);
    expect(r.stdout).toMatch(/--project <dir>/);
    expect(r.stdout).toMatch(/^\s+init\s+Lay out a new project/m);
  });
});
