/**
 * `strata seed [--profile NAME] [--scale N] [--force]`: run the project's seed files
 * with a profile from strata.config.json's `seedProfiles`.
 *
 * Target: --target, else the database `strata migrate` works on (the database
 * named by --database-url / DATABASE_URL, or the embedded cluster's
 * `strata_dev`, which is built with migrations/, or schema/ while there is no
 * migration, when it has no tables yet).
 */
import type { Command } from '../command.js';
import { step } from '../progress.js';
import { redact } from '../../cluster/index.js';
import { loadConfig, type ProjectConfig } from '../../config/index.js';
import { resolveMigrationTarget } from '../../runner/index.js';
import { buildInto } from '../../state/index.js';
import { usageError } from '../../core/diagnostic.js';
import { hasUserTables, seedDatabase, seedProfile } from '../../seed/index.js';
import { readMigrationDir } from '../../migrations/index.js';

export const seed: Command = {
  path: ['seed'],
  summary: 'Load deterministic development data, or a scaled dataset (--scale N) for benchmarks',
  usage: '[--profile NAME] [--scale N] [--force] [--bulk] [--base-date YYYY-MM-DD] [--target <url>]',
  description: `Runs the seed files (seed/*.sql, in name order) in one transaction. Their parameters come from a
profile in strata.config.json's "seedProfiles" and are in the temp table seed_params (one column per
parameter, plus scale and base). Without options the profile is "dev"; --scale N picks "scale", whose
"k*N" parameters are k times N. A profile with "bulk": true loads with row triggers and FK checks
off and secondary indexes rebuilt after the load. The same options yield the same rows when the seed
files are deterministic. Refuses a target without tables or whose tables already hold rows; and,
unless --force, a target whose name does not look like a dev/scratch database (dev, test, scratch,
local, bench, ... in the name) or that looks like production.`,
  options: {
    profile: { type: 'string', valueName: '<name>', description: 'seed profile from the config (default: dev, or scale with --scale)' },
    scale: { type: 'string', valueName: '<N>', description: 'N for the profile\'s "k*N" parameters (default profile: scale)' },
    force: { type: 'boolean', description: 'seed even when the target does not look like a dev or scratch database' },
    bulk: { type: 'boolean', description: 'bulk mode even when the profile does not ask for it (no row triggers run)' },
    'base-date': { type: 'string', valueName: '<date>', description: 'date all seeded times are relative to (default: first day of this month, UTC)' },
    target: { type: 'string', valueName: '<url>', description: 'database to seed (default: the database in --database-url / DATABASE_URL)' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const scaleText = ctx.options.scale as string | undefined;
    if (scaleText !== undefined && !/^[1-9]\d*$/.test(scaleText)) throw usageError(`--scale must be a positive integer, got "${scaleText}"`);
    const config = await loadConfig(ctx.cwd);
    const profile = seedProfile(config, (ctx.options.profile as string | undefined) ?? (scaleText ? 'scale' : 'dev'));
    let target = ctx.options.target as string | undefined;
    if (!target) {
      const resolved = await resolveMigrationTarget({ cwd: ctx.cwd, databaseUrl: ctx.options['database-url'] as string | undefined });
      target = resolved.url;
      // The embedded dev database is ours to build; an external one is only ever seeded as found.
      if (!resolved.external && !(await hasUserTables(target))) {
        await step(ctx, 'build strata_dev', () => buildDatabase(config, target!));
      }
    }
    const result = await step(ctx, 'seed', () =>
      seedDatabase(target!, {
        seedDir: config.paths.seed,
        profile,
        scale: scaleText ? Number(scaleText) : undefined,
        force: Boolean(ctx.options.force),
        bulk: ctx.options.bulk ? true : undefined,
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

/** Build an empty dev database from migrations/ (schema/ while migrations/ is empty), as every state is built. */
async function buildDatabase(config: ProjectConfig, url: string): Promise<void> {
  const dir = config.paths.migrations;
  const hasMigrations = (await readMigrationDir(dir)).migrations.length > 0;
  await buildInto(hasMigrations ? { kind: 'migrationsDir', dir } : { kind: 'schemaDir', dir: config.paths.schema }, url);
}
