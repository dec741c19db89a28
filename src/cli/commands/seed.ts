/**
 * `strata seed [--scale N] [--force]`: load the reference schema's seed data.
 *
 * Target: --target, else the database `strata migrate` works on (the database
 * named by --database-url / DATABASE_URL, or the embedded cluster's
 * `strata_dev`, which is built with migrations/, or schema/ while there is no
 * migration, when it has no schema yet).
 */
import type { Command } from '../command.js';
import { step } from '../progress.js';
import { redact } from '../../cluster/index.js';
import { queryOnce } from '../../db/connect.js';
import { resolveMigrationTarget } from '../../runner/index.js';
import { buildInto } from '../../state/index.js';
import { usageError } from '../../core/diagnostic.js';
import { DEV_PROFILE, scaleProfile, seedDatabase } from '../../seed/index.js';
import { readMigrationDir } from '../../migrations/index.js';
import path from 'node:path';

export const seed: Command = {
  path: ['seed'],
  summary: 'Load deterministic development data, or a scaled dataset (--scale N) for benchmarks',
  usage: '[--scale N] [--force] [--bulk] [--base-date YYYY-MM-DD] [--target <url>]',
  description: `Without --scale: 3 tenants, 24 users with different roles, 36 projects with requirement and task
trees, documents with chunks, events across monthly partitions. --scale N: 1,000*N projects and
10,000*N tasks (N=1000: 1M projects, 10M tasks), loaded in bulk mode (triggers and FK checks off,
secondary indexes rebuilt after the load). Every run with the same options yields the same rows.
Refuses a target whose name does not look like a dev/scratch database (dev, test, scratch, local,
bench, ... in the name) or that looks like production, unless --force.`,
  options: {
    scale: { type: 'string', valueName: '<N>', description: 'scaled dataset: 1,000*N projects, 10,000*N tasks' },
    force: { type: 'boolean', description: 'seed even when the target does not look like a dev or scratch database' },
    bulk: { type: 'boolean', description: 'bulk mode for the dev dataset too (default with --scale): no audit rows' },
    'base-date': { type: 'string', valueName: '<date>', description: 'date all seeded times are relative to (default: first day of this month, UTC)' },
    target: { type: 'string', valueName: '<url>', description: 'database to seed (default: the database in --database-url / DATABASE_URL)' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const scaleText = ctx.options.scale as string | undefined;
    if (scaleText !== undefined && !/^\d+$/.test(scaleText)) throw usageError(`--scale must be a positive integer, got "${scaleText}"`);
    const profile = scaleText ? scaleProfile(Number(scaleText)) : DEV_PROFILE;
    let target = ctx.options.target as string | undefined;
    if (!target) {
      const resolved = await resolveMigrationTarget({ cwd: ctx.cwd, databaseUrl: ctx.options['database-url'] as string | undefined });
      target = resolved.url;
      // The embedded dev database is ours to build; an external one is only ever seeded as found.
      if (!resolved.external && !(await hasReferenceSchema(target))) {
        await step(ctx, 'build strata_dev', () => buildDatabase(ctx.cwd, target!));
      }
    }
    const result = await step(ctx, 'seed', () =>
      seedDatabase(target!, {
        seedDir: path.join(ctx.cwd, 'seed'),
        profile,
        force: Boolean(ctx.options.force),
        bulk: Boolean(ctx.options.bulk) || scaleText !== undefined,
        baseDate: ctx.options['base-date'] as string | undefined,
      }),
    );
    if (ctx.json) ctx.out(JSON.stringify({ target: redact(target), ...result }) + '\n');
    else {
      const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
      ctx.out(`seeded ${redact(target)}: ${total} rows in ${(result.elapsedMs / 1000).toFixed(1)}s\n`);
      if (ctx.verbose) for (const [t, n] of Object.entries(result.rows)) ctx.out(`  ${t.padEnd(28)} ${n}\n`);
    }
    return 0;
  },
};

async function hasReferenceSchema(url: string): Promise<boolean> {
  const rows = await queryOnce<{ ok: boolean }>(url, `SELECT to_regclass('public.organizations') IS NOT NULL AS ok`);
  return rows[0]?.ok === true;
}

/** Build an empty dev database from migrations/ (schema/ while migrations/ is empty), as every state is built. */
async function buildDatabase(cwd: string, url: string): Promise<void> {
  const dir = path.join(cwd, 'migrations');
  const hasMigrations = (await readMigrationDir(dir)).migrations.length > 0;
  await buildInto(hasMigrations ? { kind: 'migrationsDir', dir } : { kind: 'schemaDir', dir: path.join(cwd, 'schema') }, url);
}
