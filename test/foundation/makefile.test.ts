/**
 * The Makefile targets are thin wrappers over the CLI (checked with `make -n`,
 * which prints the commands without running them).
 */
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../helpers/server.js';

/** The environment without what an outer `make` (e.g. `make test ARGS=...`) passes down to sub-makes. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES', 'ARGS', 'NAME']) delete env[k];
  return env;
}

function dryRun(...args: string[]): string {
  const r = spawnSync('make', ['-n', '--no-print-directory', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: cleanEnv() });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').at(-1)!.trim();
}

test.each([
  [['diff', 'NAME=add_users'], 'node bin/strata.js diff add_users'],
  [['diff'], 'node bin/strata.js diff'],
  [['migrate'], 'node bin/strata.js migrate up'],
  [['rollback'], 'node bin/strata.js migrate down'],
  [['status'], 'node bin/strata.js migrate status'],
  [['lint'], 'node bin/strata.js lint'],
  [['types'], 'node bin/strata.js types'],
  [['docs'], 'node bin/strata.js docs'],
  [['db-start'], 'node bin/strata.js db start'],
  [['db-stop'], 'node bin/strata.js db stop'],
  [['test'], 'npx vitest run'],
  [['bench'], 'npx tsx bench/run.ts'],
  [['migrate', 'ARGS=--dry-run'], 'node bin/strata.js migrate up --dry-run'],
])('make %j runs %s', (args, command) => {
  expect(dryRun(...args)).toBe(command);
});

test('every target installs dependencies first when node_modules is missing', () => {
  const r = spawnSync('make', ['-n', '--no-print-directory', 'status', 'DEPS=node_modules/.strata-test-missing'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: cleanEnv(),
  });
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toBe('npm ci --no-audit --no-fund');
  expect(lines.at(-1)).toBe('node bin/strata.js migrate status');
});
