/**
 * The benchmark contract. Each `bench/<area>.ts` (except this file and run.ts)
 * default-exports a `Bench`: it measures with `repeat` and returns rows; the
 * runner prints them and writes docs/benchmarks.md. Timings are wall-clock
 * milliseconds; a row's value is the median of its runs.
 */
import { spawn } from 'node:child_process';
import type { ServerTarget } from '../src/cluster/index.js';

export interface BenchContext {
  /** Project root. */
  root: string;
  /** Server the benchmarks run against (embedded cluster unless DATABASE_URL is set). */
  server: ServerTarget;
  /** Runs per row (5). */
  runs: number;
}

export interface BenchRow {
  name: string;
  /** One duration per run, in ms. */
  samples: number[];
  /** CPU time (user + system) per run, in ms, when measured: less sensitive to other load on the machine. */
  cpuSamples?: number[];
  /** Upper bound for the median, in ms, when the project has a target. */
  targetMs?: number;
  /** How to reproduce or what the number includes. */
  note?: string;
}

export interface Bench {
  /** Section title in docs/benchmarks.md. */
  title: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Run `fn` `runs` times after `warmup` untimed runs; `setup` runs untimed before each. */
export async function repeat(
  runs: number,
  fn: () => Promise<unknown>,
  opts: { warmup?: number; setup?: () => Promise<unknown> } = {},
): Promise<number[]> {
  for (let i = 0; i < (opts.warmup ?? 0); i++) {
    await opts.setup?.();
    await fn();
  }
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await opts.setup?.();
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Run a process to completion; rejects on a non-zero exit. */
export function exec(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${err.trim()}`))));
  });
}

export interface TimedRun {
  wallMs: number;
  cpuMs: number;
}

/**
 * Run a command under bash's `time`, which reports the wall-clock and CPU
 * time of the command alone (not of bash). Rejects on a non-zero exit.
 */
export async function execTimed(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<TimedRun> {
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // The command's stderr goes to fd 3 (the real stderr); only `time`'s report reaches stdout.
  const script = `exec 3>&2; TIMEFORMAT='%3R %3U %3S'; { time ${quoted} >/dev/null 2>&3; } 2>&1`;
  const out = await exec('bash', ['-c', script], opts);
  const [real, user, sys] = out.trim().split(/\s+/).slice(-3).map(Number);
  return { wallMs: real! * 1000, cpuMs: (user! + sys!) * 1000 };
}

/** `runs` timed runs of a command after `warmup` untimed ones. */
export async function repeatCommand(
  runs: number,
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; warmup?: number } = {},
): Promise<{ samples: number[]; cpuSamples: number[] }> {
  for (let i = 0; i < (opts.warmup ?? 1); i++) await execTimed(cmd, args, opts);
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await execTimed(cmd, args, opts);
    samples.push(r.wallMs);
    cpuSamples.push(r.cpuMs);
  }
  return { samples, cpuSamples };
}

/**
 * One run of the strata CLI the way a user runs it, through /usr/bin/time: wall time (ms), CPU (user +
 * system, ms), peak RSS (KiB) and stdout. Throws with the tail of stderr when it fails.
 */
export async function timedCli(ctx: BenchContext, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; cpuMs: number; rssKiB: number; stdout: string }> {
  const strata = (await import('node:path')).join(ctx.root, 'bin', 'strata.js');
  const t0 = performance.now();
  const r = await new Promise<{ rssKiB: number; cpuMs: number; stdout: string }>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'STRATA_TIME %M %U %S', process.execPath, strata, ...args], { env, cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /STRATA_TIME (\d+) ([\d.]+) ([\d.]+)/.exec(err);
      if (code !== 0 || !m) reject(new Error(`strata ${args[0]} failed (exit ${code}): ${err.trim().slice(-2000)}`));
      else resolve({ rssKiB: Number(m[1]), cpuMs: (Number(m[2]) + Number(m[3])) * 1000, stdout });
    });
  });
  return { ms: performance.now() - t0, ...r };
}
