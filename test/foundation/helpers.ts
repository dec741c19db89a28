import { spawn } from 'node:child_process';
import path from 'node:path';
import { queryOnce } from '../../src/db/connect.js';
import { PROJECT_ROOT } from '../helpers/server.js';

export const STRATA_BIN = path.join(PROJECT_ROOT, 'bin', 'strata.js');

/** Node arguments that run a TypeScript file in this process (no wrapper process in between, so signals arrive directly). */
export const TS_NODE_ARGS = ['--import', 'tsx'];

export interface Ran {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run a node script; `onStdout` sees output as it arrives (to send a signal at the right moment). */
export function runNode(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: opts.cwd ?? PROJECT_ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b.toString();
      opts.onStdout?.(stdout, child);
    });
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ pid: child.pid!, code, signal, stdout, stderr }));
  });
}

export function strata(args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<Ran> {
  return runNode([STRATA_BIN, ...args], { env, cwd });
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const rows = await queryOnce(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

/** process.env without DATABASE_URL (so a child uses the embedded cluster), plus `extra`. */
export function envWithout(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return { ...env, ...extra };
}
