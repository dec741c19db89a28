/**
 * The Makefile targets are thin wrappers over the CLI (checked with `make -n`,
 * which prints the commands without running them), and the CLI command each one
 * runs exists: `make -n` alone would pass for a target calling a command nobody wrote.
 */
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import type { Command } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands/index.js';
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

const TARGETS: [string[], string][] = [
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
  [['verify'], 'node bin/strata.js verify'],
  [['drift'], 'node bin/strata.js drift'],
  [['seed'], 'node bin/strata.js seed'],
  [['db-status'], 'node bin/strata.js db status'],
];

test.each(TARGETS)('make %j runs %s', (args, command) => {
  expect(dryRun(...args)).toBe(command);
});

/** Targets whose command is still being written, with why; the test fails once the command exists, so the entry goes. */
const PENDING: Record<string, string> = {};

/** The registered command a command line names (longest path that prefixes its words), if any. */
async function registered(words: string[]): Promise<Command | undefined> {
  const found: Command[] = [];
  for (const e of commands) {
    if (!e.path.every((w, i) => words[i] === w)) continue;
    if ('load' in e) {
      for (const v of Object.values(await e.load())) {
        const c = v as Partial<Command>;
        if (c && typeof c === 'object' && Array.isArray(c.path) && typeof c.run === 'function') found.push(c as Command);
      }
    } else found.push(e);
  }
  return found.filter((c) => c.path.every((w, i) => words[i] === w)).sort((a, b) => b.path.length - a.path.length)[0];
}

const CLI_TARGETS = [...new Set(TARGETS.map(([, c]) => c).filter((c) => c.startsWith('node bin/strata.js ')))];

test.for(CLI_TARGETS)('%s is a registered strata command', async (command, ctx) => {
  const words = command.split(' ').slice(2).filter((w) => !w.startsWith('-'));
  const c = await registered(words);
  const pending = PENDING[words[0]!];
  if (pending && !c) {
    console.log(`${command}: ${pending}`);
    ctx.skip();
  }
  expect(c, `${command}: no such command in src/cli/commands`).toBeDefined();
  expect(pending, `${command} exists now: remove it from PENDING`).toBeUndefined();
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
