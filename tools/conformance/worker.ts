/**
 * A child process that runs cases sent by the pool, one at a time. Living in its
 * own process lets the pool kill a case that hangs or crashes without stopping
 * the run.
 */
import { resolveServer } from '../../src/cluster/index.js';
import { runCase, type CaseContext } from './case.js';
import type { CorpusCase } from './corpus.js';
import { loadEngine } from './engine.js';

export interface WorkerInit {
  type: 'init';
  cwd: string;
  loadOnly: boolean;
  serverMajor: number;
  statementTimeoutMs: number;
}
export type ToWorker = WorkerInit | { type: 'run'; case: CorpusCase };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'result'; result: import('./result.js').CaseResult };

let ctx: CaseContext | undefined;

function send(msg: FromWorker): void {
  process.send?.(msg);
}

process.on('message', (msg: ToWorker) => {
  void (async () => {
    if (msg.type === 'init') {
      try {
        ctx = {
          server: await resolveServer({ cwd: msg.cwd }),
          engine: msg.loadOnly ? undefined : await loadEngine(),
          serverMajor: msg.serverMajor,
          statementTimeoutMs: msg.statementTimeoutMs,
        };
        send({ type: 'ready' });
      } catch (e) {
        send({ type: 'init-failed', message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    if (!ctx) throw new Error('worker used before init');
    send({ type: 'result', result: await runCase(msg.case, ctx) });
  })();
});

// When the pool goes away (Ctrl-C, crash) the worker must not linger; SIGTERM
// lets withScratchDatabase drop the case's databases on the way out.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
