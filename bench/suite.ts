/**
 * The wall time of the whole `make test` (issue target: under 3 minutes on a 2-core machine), measured here
 * rather than in a timed test. One run by default (BENCH_SUITE_RUNS for more): a run is several minutes of
 * both cores, so other work on the machine shows in the number; the load is printed with it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execTimed, type Bench } from './lib.js';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { startTime: number; endTime: number }[];
}

const RUNS = Number(process.env.BENCH_SUITE_RUNS ?? 1);

const bench: Bench = {
  title: 'The whole test suite (`make test`)',
  async run(ctx) {
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    const notes: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-suite-'));
      try {
        const out = path.join(dir, 'report.json');
        const r = await execTimed('make', ['test', `ARGS=--reporter=json --outputFile.json=${out}`], { cwd: ctx.root });
        const report = JSON.parse(await readFile(out, 'utf8')) as Report;
        const fileSum = report.testResults.reduce((s, f) => s + (f.endTime - f.startTime), 0) / 1000;
        samples.push(r.wallMs);
        cpuSamples.push(r.cpuMs);
        notes.push(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.testResults.length} files, per-file sum ${fileSum.toFixed(0)} s`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    return [
      {
        name: 'make test (vitest, 3 workers, cluster already initialised)',
        samples,
        cpuSamples,
        targetMs: 180_000,
        note: `${notes.join('; ')}; CPU is the node processes' (vitest workers and the CLIs they spawn), not PostgreSQL's`,
      },
    ];
  },
};

export default bench;
