/**
 * Foundation rows: cold cluster start, warm CLI overhead, scratch database create+drop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removeCluster, startCluster, stopCluster } from '../src/cluster/embedded.js';
import { withScratchDatabase } from '../src/cluster/index.js';
import { adminQuery } from '../src/db/admin.js';
import { repeat, repeatCommand, type Bench } from './lib.js';

/** Create + drop the way scratch databases were made before the memory tablespace: for comparison. */
async function scratchOnDisk(adminUrl: string, runs: number): Promise<number[]> {
  const once = async () => {
    await adminQuery(adminUrl, 'CREATE DATABASE strata_bench_disk TEMPLATE template0 STRATEGY FILE_COPY');
    await adminQuery(adminUrl, 'DROP DATABASE strata_bench_disk WITH (FORCE)');
  };
  return repeat(runs, once, { warmup: 1 });
}

const bench: Bench = {
  title: 'Foundation: embedded cluster, CLI overhead, scratch databases',
  async run(ctx) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-cluster-'));
    const cluster = { cwd: ctx.root, dir };
    const strata = path.join(ctx.root, 'bin', 'strata.js');
    const env = { ...process.env };
    delete env.DATABASE_URL;
    try {
      const coldInit = await repeat(ctx.runs, () => startCluster(cluster), { setup: () => removeCluster(cluster) });
      const coldStart = await repeat(ctx.runs, () => startCluster(cluster), { setup: () => stopCluster(cluster) });
      const node = await repeatCommand(ctx.runs, process.execPath, ['-e', '0']);
      // The untimed warm-up run refreshes the CLI bundle if src/ changed.
      const version = await repeatCommand(ctx.runs, process.execPath, [strata, '--version'], { env });
      const url = await repeatCommand(ctx.runs, process.execPath, [strata, 'db', 'url'], { env, cwd: ctx.root });
      const tsxEnv = { ...env, STRATA_NO_BUNDLE: '1' };
      const versionTsx = await repeatCommand(ctx.runs, process.execPath, [strata, '--version'], { env: tsxEnv });
      const urlTsx = await repeatCommand(ctx.runs, process.execPath, [strata, 'db', 'url'], { env: tsxEnv, cwd: ctx.root });
      // On the embedded cluster, measured on this benchmark's own cluster so other users of the dev cluster
      // (a test run, a conformance run) do not queue their statements into the numbers.
      const own = await startCluster(cluster);
      const target = ctx.server.external ? ctx.server : { adminUrl: own.url!, external: false };
      const scratch = await repeat(ctx.runs, () => withScratchDatabase(target, { label: 'bench' }, async () => undefined), { warmup: 1 });
      const where = ctx.server.external ? 'DATABASE_URL server' : 'an idle embedded cluster';
      const onDisk = ctx.server.external ? undefined : await scratchOnDisk(own.url!, ctx.runs);
      return [
        { name: 'cold cluster start: initdb + start (fresh .strata/pg)', samples: coldInit, note: 'first command on a fresh clone' },
        { name: 'cold cluster start: start a stopped cluster', samples: coldStart, note: 'after `strata db stop` or a reboot' },
        { name: 'node -e 0 (baseline)', ...node, note: 'process start alone, for scale' },
        { name: 'warm `strata --version`', ...version, targetMs: 300, note: 'bundled CLI (bin/strata.js)' },
        { name: 'warm `strata db url`', ...url, targetMs: 300, note: 'cluster running' },
        { name: 'warm `strata --version` through tsx', ...versionTsx, note: 'STRATA_NO_BUNDLE=1: why the CLI is bundled' },
        { name: 'warm `strata db url` through tsx', ...urlTsx, note: 'STRATA_NO_BUNDLE=1' },
        { name: 'scratch database create + drop', samples: scratch, targetMs: 100, note: `${where}; template0${ctx.server.external ? '' : ', STRATEGY FILE_COPY, in-memory tablespace'}; one reused admin connection` },
        ...(onDisk
          ? [{ name: 'same, in the default tablespace (on disk)', samples: onDisk, note: 'why scratch databases live in memory' }]
          : []),
      ];
    } finally {
      await removeCluster(cluster);
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
