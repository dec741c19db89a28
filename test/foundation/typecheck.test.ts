/**
 * The whole project type-checks under the strict settings in tsconfig.json
 * (tsx and the CLI bundle strip types without checking them, so only this catches a type error).
 * Incremental: tsc re-checks only what changed since the last run in this checkout (its build info
 * records every file's hash), so a repeated `make test` pays seconds instead of a full check.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../helpers/server.js';

test('tsc --noEmit passes', () => {
  const tsc = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const buildInfo = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'strata', 'tsc.tsbuildinfo');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', PROJECT_ROOT, '--incremental', '--tsBuildInfoFile', buildInfo], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 600_000);
