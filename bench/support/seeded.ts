/**
 * A database seeded at `strata seed --scale N` that outlives the bench run: building scale 200 takes
 * minutes, so it is kept between runs and reused while its inputs (migrations, seed files, the seed
 * profile, N and the base date) are unchanged. Its name carries a hash of those inputs; a kept
 * database of the same N but other inputs is dropped when a new one is built (one dataset per N on disk).
 * It lives in the default tablespace, not the in-memory one scratch databases use (gigabytes), and
 * outside the scratch prefix, so no leftover sweep drops it. `BENCH_DROP=1` drops it after the run.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { databaseUrl, type ServerTarget } from '../../src/cluster/index.js';
import { loadConfig } from '../../src/config/index.js';
import { adminQuery } from '../../src/db/admin.js';
import { firstOfMonthUtc, seedDatabase, seedProfile, type SeedResult } from '../../src/seed/index.js';
import { buildInto } from '../../src/state/index.js';
import { connectClient, projectSource } from '../../src/testing/index.js';
import { hashInputs } from '../../src/testing/shared.js';

const PREFIX = 'strata_bench_seed_';

export interface SeededDatabase {
  name: string;
  url: string;
  /** Whether an existing database was reused (no build this run). */
  reused: boolean;
  /** What the build measured (analyzeMs: the VACUUM (ANALYZE) after the load; this run's, or the one recorded when the reused database was built). */
  build: { seed: SeedResult; buildMs: number; seedMs: number; analyzeMs: number; bytes: number; at: string; load?: string };
  drop(): Promise<void>;
}

/** The build records of every kept seeded database (any N, any inputs), smallest N first. */
export async function keptBuilds(server: ServerTarget): Promise<{ name: string; scale: number; build: SeededDatabase['build'] }[]> {
  const rows = await adminQuery<{ datname: string; note: string | null }>(
    server.adminUrl,
    `SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE starts_with(datname, $1)`,
    [PREFIX],
  );
  return rows
    .filter((r) => r.note)
    .map((r) => {
      const build = JSON.parse(r.note!) as SeededDatabase['build'];
      return { name: r.datname, scale: build.seed.scale, build };
    })
    .sort((a, b) => a.scale - b.scale);
}

export async function seededDatabase(root: string, server: ServerTarget, scale: number, log: (line: string) => void = () => undefined): Promise<SeededDatabase> {
  const config = await loadConfig(root);
  const source = await projectSource(config);
  const profile = seedProfile(config, 'scale');
  const baseDate = firstOfMonthUtc();
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ source: source.kind, profile, scale, baseDate }));
  await hashInputs(hash, source.kind === 'sqlFile' ? source.file : source.dir);
  await hashInputs(hash, config.paths.seed);
  const name = `${PREFIX}s${scale}_${hash.digest('hex').slice(0, 16)}`;
  const url = databaseUrl(server.adminUrl, name);
  const drop = () => adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).then(() => undefined);

  // The build's record is the database comment, written in the last step: a database without it died half-way.
  const found = await adminQuery<{ datname: string; note: string | null }>(
    server.adminUrl,
    `SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE starts_with(datname, $1)`,
    [PREFIX],
  );
  const mine = found.find((r) => r.datname === name);
  if (mine?.note) {
    log(`reusing ${name} (built ${JSON.parse(mine.note).at})`);
    return { name, url, reused: true, build: JSON.parse(mine.note) as SeededDatabase['build'], drop };
  }
  for (const r of found.filter((f) => f.datname.startsWith(`${PREFIX}s${scale}_`))) {
    log(`dropping ${r.datname} (other inputs)`);
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`);
  }
  await adminQuery(server.adminUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0`);
  try {
    const loadAt = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    const t0 = performance.now();
    await buildInto(source, url);
    const t1 = performance.now();
    log(`built the schema in ${((t1 - t0) / 1000).toFixed(1)} s; seeding --scale ${scale}`);
    const seed = await seedDatabase(url, { seedDir: config.paths.seed, profile, scale, baseDate, force: true, bulk: true });
    const t2 = performance.now();
    log(`seeded in ${((t2 - t1) / 1000).toFixed(1)} s; VACUUM (ANALYZE)`);
    const c = await connectClient(url);
    let bytes: number;
    try {
      // After a bulk load: statistics for the planner, and the visibility map set (index-only scans, no
      // hint-bit writes or autovacuum pass landing in the middle of the measurement).
      await c.query('VACUUM (ANALYZE)');
      bytes = Number((await c.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0]!.b);
    } finally {
      await c.end();
    }
    const t3 = performance.now();
    const load = `${loadAt} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`;
    const build = { seed, buildMs: t1 - t0, seedMs: t2 - t1, analyzeMs: t3 - t2, bytes, at: new Date().toISOString(), load };
    await adminQuery(server.adminUrl, `COMMENT ON DATABASE ${pg.escapeIdentifier(name)} IS ${pg.escapeLiteral(JSON.stringify(build))}`);
    return { name, url, reused: false, build, drop };
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
}
