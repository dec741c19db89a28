/**
 * `strata lint` through the CLI on a two-migration project: exit codes, --strict, the four formats,
 * suppression by comment, config validation; and --database-url: pending migrations and table sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/index.js';
import { queryOnce } from '../../src/db/connect.js';
import { lint, lintConfigFrom, RULE_IDS } from '../../src/lint/index.js';
import { gatherLintInput } from '../../src/lint-run/index.js';
import { migrateUp } from '../../src/runner/index.js';
import { testServer, type ScratchDb } from '../helpers/server.js';

let root: string;
const A = '20260201000001';
const B = '20260201000002';

async function project(files: Record<string, string>): Promise<void> {
  await rm(path.join(root, 'migrations'), { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
}

const base = {
  [`migrations/${A}_a.up.sql`]: "CREATE TABLE t (id bigint PRIMARY KEY, v text, w text);\nCOMMENT ON TABLE t IS 't';\n",
  [`migrations/${A}_a.down.sql`]: 'DROP TABLE t;\n',
};

async function strata(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['lint', ...args], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: root, isTTY: false });
  return { code, out, err };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'strata-lint-cli-'));
  await writeFile(path.join(root, 'package.json'), '{}');
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('strata lint (CLI)', () => {
  it('exit 0 on a clean migration, 1 with --strict on its warnings, 1 on an error with GitHub annotations', async () => {
    await project(base);
    const ok = await strata('--all');
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toMatch(/lint ok: 1 migration: 0 errors/);

    await project({
      ...base,
      [`migrations/${B}_b.up.sql`]: "SET lock_timeout = '1s';\nALTER TABLE t DROP COLUMN w;\nCREATE INDEX t_v_idx ON t (v);\n",
      [`migrations/${B}_b.down.sql`]: 'DROP INDEX t_v_idx;\nALTER TABLE t ADD COLUMN w text;\n',
    });
    const gh = await strata('--all', '--format', 'github');
    expect(gh.code).toBe(1);
    expect(gh.out).toContain(`::error file=migrations/${B}_b.up.sql,line=2,title=strata lint destructive::drops column w`);
    expect(gh.out).toContain('docs/lint-rules.md#destructive');
    expect(gh.out).toContain(`::warning file=migrations/${B}_b.up.sql,line=3,title=strata lint index-not-concurrent::`);
  }, 180_000);

  it('a reasoned suppression clears the error; json and sarif carry it as suppressed; --strict still fails on warnings', async () => {
    await project({
      ...base,
      [`migrations/${B}_b.up.sql`]: "SET lock_timeout = '1s';\n-- strata:ignore destructive w was never written\nALTER TABLE t DROP COLUMN w;\nCREATE INDEX t_v_idx ON t (v);\n",
      [`migrations/${B}_b.down.sql`]: 'DROP INDEX t_v_idx;\nALTER TABLE t ADD COLUMN w text;\n',
    });
    const json = await strata('--base', 'HEAD', '--json').catch((e: unknown) => e);
    // Not a git repository: --base is a usage error with a hint, exit 2.
    expect(json).toMatchObject({ code: 2 });
    const j = await strata('--all', '--format', 'json');
    expect(j.code).toBe(0);
    const report = JSON.parse(j.out) as { ok: boolean; errors: number; warnings: number; findings: { rule: string; suppressed?: string; docs: string }[] };
    expect(report).toMatchObject({ ok: true, errors: 0 });
    expect(report.findings.find((f) => f.rule === 'destructive')).toMatchObject({ suppressed: 'w was never written', docs: 'docs/lint-rules.md#destructive' });
    expect(report.warnings).toBeGreaterThan(0);
    // One run for both: --strict decides the exit code whatever the format.
    const strictSarif = await strata('--all', '--strict', '--format', 'sarif');
    expect(strictSarif.code).toBe(1);
    const sarif = JSON.parse(strictSarif.out) as { version: string; runs: { results: { ruleId: string; level: string; suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const d = sarif.runs[0]!.results.find((r) => r.ruleId === 'destructive')!;
    expect(d).toMatchObject({ level: 'error', suppressions: [{ kind: 'inSource', justification: 'w was never written' }] });
    expect(d.locations[0]!.physicalLocation.region.startLine).toBe(3);
  }, 240_000);

  it('usage and config errors exit 2', async () => {
    expect((await strata('--format', 'xml')).code).toBe(2);
    expect((await strata('--all', '--base', 'main')).code).toBe(2);
    await writeFile(path.join(root, 'strata.config.json'), '{ "lint": { "rules": { "no-such-rule": "error" } } }');
    const bad = await strata('--all');
    expect(bad.code).toBe(2);
    expect(bad.err + bad.out).toContain('unknown rule "no-such-rule"');
    await writeFile(path.join(root, 'strata.config.json'), '{ "lint": { "rules": { "destructive": "loud" } } }');
    expect((await strata('--all')).code).toBe(2);
    await rm(path.join(root, 'strata.config.json'));
  });
});

describe('lint --base', () => {
  it('selects the migrations whose files changed since the ref, committed or not', async () => {
    const { execFileSync } = await import('node:child_process');
    await project({
      ...base,
      [`migrations/${B}_b.up.sql`]: "SET lock_timeout = '1s';\nALTER TABLE t ADD COLUMN x text;\n",
      [`migrations/${B}_b.down.sql`]: 'ALTER TABLE t DROP COLUMN x;\n',
    });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', `migrations/${A}_a.up.sql`, `migrations/${A}_a.down.sql`);
    git('commit', '-qm', 'a');
    const cfg = await loadConfig(root);
    const config = lintConfigFrom(cfg.section('lint'), RULE_IDS);
    const g = await gatherLintInput({ project: cfg, lint: config, server: (await testServer()).target, selection: { kind: 'base', ref: 'HEAD' }, schema: false });
    expect(g.versions).toEqual([B]);
    // The state before B is A's, built by the state builder: adding a column to t is not "new table" access.
    expect(g.input.migrations[0]!.before.objects.some((o) => o.id === 'table:public.t')).toBe(true);
    await rm(path.join(root, '.git'), { recursive: true, force: true });
  }, 120_000);
});

describe('lint against a target database', () => {
  let target: ScratchDb;
  beforeAll(async () => {
    target = await (await testServer()).scratch({ prefix: 'strata_lint_target' });
  });
  afterAll(async () => target?.drop());

  it('pending = not in the target history; lock findings carry the table size there; an empty table is not data-dependent', async () => {
    await project({
      ...base,
      [`migrations/${B}_b.up.sql`]: "SET lock_timeout = '1s';\nCREATE INDEX t_v_idx ON t (v);\nALTER TABLE t ALTER COLUMN w SET NOT NULL;\n",
      [`migrations/${B}_b.down.sql`]: 'ALTER TABLE t ALTER COLUMN w DROP NOT NULL;\nDROP INDEX t_v_idx;\n',
    });
    await migrateUp({ url: target.url, dir: path.join(root, 'migrations'), to: A });
    await queryOnce(target.url, "INSERT INTO t SELECT g, 'v' || g, 'w' FROM generate_series(1, 5000) g; ANALYZE t;");
    const cfg = await loadConfig(root);
    const config = lintConfigFrom(cfg.section('lint'), RULE_IDS);
    const run = async () => {
      const g = await gatherLintInput({ project: cfg, lint: config, server: (await testServer()).target, selection: { kind: 'pending' }, targetUrl: target.url, schema: false });
      return { g, r: lint(g.input, config) };
    };
    const { g, r } = await run();
    expect(g.versions).toEqual([B]);
    expect(r.findings.find((f) => f.rule === 'index-not-concurrent')?.message).toMatch(/\(~5,000 rows, [\d.]+ kB on the target\)/);
    expect(r.findings.find((f) => f.rule === 'data-dependent')?.message).toContain('~5,000 rows');

    await queryOnce(target.url, 'TRUNCATE t; ANALYZE t;');
    const empty = await run();
    expect(empty.r.findings.filter((f) => f.rule === 'data-dependent')).toEqual([]);
  }, 240_000);
});
