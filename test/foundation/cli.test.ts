/**
 * The `strata` entry point: help for every command, usage errors exit 2 with one
 * error line and a hint, --version, --json, and the real launcher (bin/strata.js).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allCommands, main } from '../../src/cli/main.js';
import { PROJECT_ROOT, testServer } from '../helpers/server.js';
import { envWithout, strata } from './helpers.js';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    cwd: PROJECT_ROOT,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('help', () => {
  test('strata --help lists every registered command', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    const cmds = await allCommands();
    expect(cmds.length).toBeGreaterThanOrEqual(5);
    for (const c of cmds) expect(r.stdout).toContain(c.path.join(' '));
  });

  test('every command answers --help with its usage, exit 0', async () => {
    for (const c of await allCommands()) {
      const r = await run([...c.path, '--help']);
      expect(r.code, c.path.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: strata ${c.path.join(' ')}`);
      expect(r.stdout).toContain('--database-url');
      for (const opt of Object.keys(c.options)) expect(r.stdout).toContain(`--${opt}`);
    }
  });

  test('--version prints the package version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: `strata ${version}\n` });
    expect(JSON.parse((await run(['--version', '--json'])).stdout)).toEqual({ version });
  });
});

describe('usage errors exit 2 with one error line and a hint', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /^error: missing command$/m],
    ['unknown command', ['dbb'], /^error: unknown command: dbb\nhint: did you mean `strata db`\?/m],
    ['unknown subcommand', ['db', 'strat'], /^error: unknown command: strata db strat\nhint: did you mean `strata db start`\?/m],
    ['missing subcommand', ['db'], /^error: missing subcommand for strata db\nhint: one of: /m],
    ['unknown option', ['db', 'url', '--nope'], /^error: Unknown option '--nope'\nhint: run `strata db url --help`/m],
    ['missing option value', ['db', 'url', '--database'], /^error: Option '-d, --database <value>' argument missing\nhint: /m],
    ['unexpected positional', ['db', 'stop', 'now'], /^error: Unexpected argument 'now'/m],
    ['bad --database-url', ['db', 'url', '--database-url', 'http://example.com/x'], /^error: not a PostgreSQL URL: http:\/\/example.com\/x\nhint: /m],
  ];
  test.each(cases)('%s', async (_name, argv, pattern) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('launcher', () => {
  test('bin/strata.js: exit codes and output of the real process', async () => {
    const v = await strata(['--version'], envWithout());
    expect(v).toMatchObject({ code: 0, stdout: `strata ${version}\n` });
    const bad = await strata(['frobnicate'], envWithout());
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('error: unknown command: frobnicate');
  });

  test('db url and db status --json report the embedded cluster the tests use', async () => {
    const server = await testServer();
    const env = server.target.external ? process.env : envWithout();
    const url = await strata(['db', 'url'], env);
    expect(url.code).toBe(0);
    expect(url.stdout.trim()).toBe(server.url());
    const status = await strata(['db', 'status', '--json'], env);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as Record<string, unknown>;
    if (server.target.external) expect(parsed).toMatchObject({ external: true, reachable: true });
    else expect(parsed).toMatchObject({ external: false, state: 'running', url: server.url() });
  });

  test('--verbose adds the stack trace to an unexpected error', async () => {
    const plain = await strata(['db', 'clean', '--database-url', 'postgres://postgres@127.0.0.1:1/postgres'], envWithout());
    const verbose = await strata(['db', 'clean', '--verbose', '--database-url', 'postgres://postgres@127.0.0.1:1/postgres'], envWithout());
    expect(plain.code).toBe(1);
    expect(verbose.code).toBe(1);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  test('a server error prints its message and SQLSTATE on one line, exit 1', async () => {
    const server = await testServer();
    const u = new URL(server.url());
    u.username = 'strata_fnd_no_such_role';
    const r = await run(['db', 'clean', '--database-url', u.toString()]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: .*strata_fnd_no_such_role.* \[SQLSTATE 28000\]$/);
  });
});
