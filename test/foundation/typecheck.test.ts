/**
 * The whole project type-checks under the strict settings in tsconfig.json
 * (tsx and the CLI bundle strip types without checking them, so only this catches a type error).
 * tsgo (TypeScript's native port) runs the same checks at about a fifth of tsc's CPU: a cold check of
 * this repository 4 s against 19 s. Incremental: its build info records every file's hash, so a
 * repeated `make test` re-checks only what changed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../helpers/server.js';

const TSGO = path.join(PROJECT_ROOT, 'node_modules', '@typescript', 'native-preview', 'bin', 'tsgo');
const tsgo = (args: string[]) => spawnSync(process.execPath, [TSGO, '--noEmit', ...args], { encoding: 'utf8' });

test('tsgo --noEmit passes', () => {
  const buildInfo = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'strata', 'tsgo.tsbuildinfo');
  const r = tsgo(['-p', PROJECT_ROOT, '--incremental', '--tsBuildInfoFile', buildInfo]);
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 600_000);

test('the same check fails on a type error that only the project\'s strict settings catch', () => {
  // An unchecked index read is a number only without noUncheckedIndexedAccess: this fails only if tsconfig.json is applied.
  // (No @types here: the file uses no Node API.)
  const dir = mkdtempSync(path.join(tmpdir(), 'strata-typecheck-'));
  try {
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(PROJECT_ROOT, 'tsconfig.json'), compilerOptions: { types: [] }, include: ['*.ts'] }));
    writeFileSync(path.join(dir, 'bad.ts'), 'const xs: number[] = [];\nexport const first: number = xs[0];\n');
    const r = tsgo(['-p', dir]);
    expect(r.stdout).toMatch(/bad\.ts\(2,14\): error TS2322: Type 'number \| undefined' is not assignable to type 'number'/);
    expect(r.status).not.toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
