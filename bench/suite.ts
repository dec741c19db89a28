/**
 * The wall time of the whole `make test` (issue target: under 3 minutes on a 2-core machine), measured here
 * rather than in a timed test. One run by default (BENCH_SUITE_RUNS for more): a run is several minutes of
 * both cores, so other work on the machine shows in the number; the load is printed with it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { clusterPaths } from '../src/cluster/embedded.js';
import { execTimed, type Bench } from './lib.js';

/**
 * CPU seconds of the embedded cluster so far: the postmaster and its children that have exited (every
 * backend of a test run), from /proc; undefined where there is no /proc or no running cluster.
 */
async function clusterCpuSeconds(root: string): Promise<number | undefined> {
  try {
    const pid = (await readFile(path.join(clusterPaths(root).data, 'postmaster.pid'), 'utf8')).split('\n')[0]!.trim();
    // Fields after the command (which may hold spaces): utime stime cutime cstime are 14-17 of the line.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
// USER_HZ: 100 on every Linux build that matters here (getconf CLK_TCK).
const CLOCK_TICKS = 100;

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: unknown[];
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
        const pgBefore = await clusterCpuSeconds(ctx.root);
        const r = await execTimed('make', ['test', `ARGS=--reporter=json --outputFile.json=${out}`], { cwd: ctx.root });
        const pgAfter = await clusterCpuSeconds(ctx.root);
        const report = JSON.parse(await readFile(out, 'utf8')) as Report;
        samples.push(r.wallMs);
        cpuSamples.push(r.cpuMs);
        const pg = pgBefore !== undefined && pgAfter !== undefined ? `, PostgreSQL CPU ${(pgAfter - pgBefore).toFixed(0)} s` : '';
        notes.push(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.testResults.length} files${pg}`);
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
        note: `${notes.join('; ')}; CPU is the node processes' (vitest workers and the CLIs they spawn); PostgreSQL's is the embedded cluster's backends`,
      },
    ];
  },
};

export default bench;
