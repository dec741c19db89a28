/**
 * Runs cases on N worker processes with a per-case time limit. A case that
 * times out or kills its worker is recorded as an error, its scratch databases
 * are dropped, and a fresh worker takes the next case.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execOnce, queryOnce } from '../../src/db/connect.js';
import { SCRATCH_PREFIX, type ServerTarget } from '../../src/cluster/index.js';
import { runCase, type CaseContext } from './case.js';
import type { CorpusCase } from './corpus.js';
import type { CaseResult } from './result.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';

export interface PoolOptions {
  server: ServerTarget;
  cwd: string;
  jobs: number;
  caseTimeoutMs: number;
  statementTimeoutMs: number;
  serverMajor: number;
  loadOnly: boolean;
  onResult?: (r: CaseResult, done: number, total: number) => void;
  /** Stops the run: workers are killed, their databases dropped, and the results so far returned. */
  signal?: AbortSignal;
}

export async function runInWorkers(cases: CorpusCase[], opts: PoolOptions): Promise<CaseResult[]> {
  const results = new Array<CaseResult>(cases.length);
  let next = 0;
  let finished = 0;
  const init: WorkerInit = {
    type: 'init',
    cwd: opts.cwd,
    loadOnly: opts.loadOnly,
    serverMajor: opts.serverMajor,
    statementTimeoutMs: opts.statementTimeoutMs,
  };

  const lane = async (): Promise<void> => {
    let worker: Worker | undefined;
    const retire = async () => {
      if (!worker) return;
      const pid = worker.pid;
      await worker.stop();
      worker = undefined;
      await dropWorkerDatabases(opts.server, pid);
    };
    try {
      while (next < cases.length && !opts.signal?.aborted) {
        const i = next++;
        const c = cases[i]!;
        worker ??= await Worker.start(init);
        const outcome = await worker.run(c, opts.caseTimeoutMs, opts.signal);
        if (outcome.kind === 'aborted') break;
        let result: CaseResult;
        if (outcome.kind === 'result') {
          result = outcome.result;
        } else {
          await retire();
          result = {
            id: c.id,
            source: c.source,
            category: c.category,
            tags: c.tags,
            status: 'error',
            reason: outcome.kind === 'timeout' ? `timed out after ${opts.caseTimeoutMs / 1000} s` : outcome.message,
            ms: outcome.ms,
          };
        }
        results[i] = result;
        finished++;
        opts.onResult?.(result, finished, cases.length);
      }
    } finally {
      // A worker killed mid-case cannot drop its own databases.
      await retire();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs, cases.length)) }, lane));
  return results.filter((r) => r !== undefined);
}

/** Same contract without child processes: for tests and debugging; a hung case cannot be killed here. */
export async function runInProcess(cases: CorpusCase[], ctx: CaseContext, jobs = 1): Promise<CaseResult[]> {
  const results = new Array<CaseResult>(cases.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i]!, ctx);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, cases.length)) }, lane));
  return results;
}

type Outcome =
  | { kind: 'result'; result: CaseResult }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crash'; message: string; ms: number }
  | { kind: 'aborted' };

class Worker {
  private constructor(private readonly child: ChildProcess) {}

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static start(init: WorkerInit): Promise<Worker> {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const child = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), [], {
      execArgv: ['--import', tsx],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        child.off('exit', onExit);
        child.off('message', onMessage);
        if (m.type === 'ready') resolve(new Worker(child));
        else {
          child.kill('SIGKILL');
          reject(new Error(m.type === 'init-failed' ? m.message : `unexpected ${m.type} from worker`));
        }
      };
      const onExit = (code: number | null) => reject(new Error(`worker exited during start (${code}): ${stderr.trim()}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(init satisfies ToWorker);
    });
  }

  run(c: CorpusCase, timeoutMs: number, signal?: AbortSignal): Promise<Outcome> {
    const started = Date.now();
    return new Promise((resolve) => {
      const finish = (o: Outcome) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        resolve(o);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'result') finish({ kind: 'result', result: m.result });
      };
      const onExit = (code: number | null, sig: string | null) =>
        finish({ kind: 'crash', message: `worker died (${sig ?? code})`, ms: Date.now() - started });
      const onAbort = () => finish({ kind: 'aborted' });
      const timer = setTimeout(() => finish({ kind: 'timeout', ms: Date.now() - started }), timeoutMs);
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      signal?.addEventListener('abort', onAbort);
      this.child.send({ type: 'run', case: c } satisfies ToWorker);
    });
  }

  /** Kill the process and wait until it is gone, so its connections are closed or being terminated. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

/** A killed worker cannot drop its scratch databases; their names carry its pid. */
async function dropWorkerDatabases(server: ServerTarget, pid: number): Promise<void> {
  const rows = await queryOnce<{ datname: string }>(server.adminUrl, 'SELECT datname FROM pg_database WHERE datname LIKE $1', [
    SCRATCH_PREFIX.replace(/_/g, '\\_') + 'cnf\\_%\\_' + pid + '\\_%',
  ]);
  const names = rows.map((r) => r.datname);
  for (const name of names) {
    await execOnce(server.adminUrl, `DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  }
}
