/**
 * `strata diff [NAME]` — desired state (schema/) against the migrations' replay;
 * with NAME, writes the next migration pair and refreshes atlas.sum.
 * `strata diff --from <src> --to <src> [--down]` — any two states, SQL on stdout.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveServer, type ServerTarget } from '../../cluster/index.js';
import { diffSnapshots, type PlanStep, type Snapshot } from '../../engine/index.js';
import { buildSnapshot, refuseUncastable, sourceFromArgument, uncastableChanges } from '../../state/index.js';
import { planMigration, proofError, writePlannedMigration } from '../../proof/index.js';
import { step } from '../progress.js';
import { loadConfig } from '../../config/index.js';
import { onlineConfig } from '../../config/online.js';
import type { SessionSettings } from '../../render/index.js';
import { formatDifferences } from '../../verify/format.js';
import { commandFilter, filterOptions } from '../filters.js';
import { unmanagedOf } from '../../verify/unmanaged.js';
import { reportUnmanaged, STRICT_OPTION } from '../unmanaged.js';

function migrationName(name: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw usageError(`migration name may hold letters, digits, _ and - only: ${name}`);
  return name;
}

export const diffCommand: Command = {
  path: ['diff'],
  summary: 'Diff desired state against migrations (or any two states) and write or print the migration',
  usage: '[NAME] | --from <url|dir|file.sql> --to <url|dir|file.sql> [--down]',
  description: `Without --from/--to: builds schema/ and the replay of migrations/*.up.sql on scratch
databases and prints the plan (up SQL). With NAME it first proves the plan: the runner applies
the up file to a scratch copy of the migrations' state (seed/ rows loaded when they load), the
catalog must then equal schema/, and the down file must bring it back exactly. Only a proven plan is
written, as migrations/<UTC yyyymmddhhmmss>_<NAME>.up.sql and .down.sql with the fingerprints of
both states in a header (checked by \`strata migrate up\`), and migrations/atlas.sum is refreshed.
A plan that does not converge is refused with the residual differences, and nothing is written.
Prints "no changes" and exits 0 when there is nothing to do.

With --from and --to: each side is a postgres:// URL, a .sql file, a schema folder, or a
migrations folder (holding <version>_<name>.up.sql files). Prints the up SQL on stdout, or the
down SQL with --down; prints nothing when the states are equal.

With --online (or "online": {"enabled": true} in strata.config.json) the plan is lock-safe for a
database in use: indexes on existing tables are built CONCURRENTLY, foreign keys and checks are
added NOT VALID and validated on their own, SET NOT NULL goes through a validated CHECK, and each
migration starts with SET lock_timeout. The steps that run outside a transaction go into a second
migration (<NAME>_online) after the transactional one; both are proven (docs/operations.md).

Objects of either state that strata does not model (docs/coverage.md) are listed on stderr as
"warning: not managed: <kind> <name>"; with --strict they are errors: exit 1, nothing printed or written.`,
  options: {
    from: { type: 'string', valueName: '<src>', description: 'current state: URL, .sql file, schema or migrations folder' },
    to: { type: 'string', valueName: '<src>', description: 'desired state: URL, .sql file, schema or migrations folder' },
    down: { type: 'boolean', description: 'with --from/--to: print the down SQL instead of the up SQL' },
    'include-ownership': { type: 'boolean', description: 'also diff object owners (ALTER ... OWNER TO); off by default' },
    schema: { type: 'string', valueName: '<dir>', description: 'desired-state folder', default: 'schema' },
    migrations: { type: 'string', valueName: '<dir>', description: 'migrations folder', default: 'migrations' },
    'no-verify': { type: 'boolean', description: 'with NAME: write the migration without proving it on a scratch database first' },
    online: { type: 'boolean', description: 'lock-safe DDL for a database in use: CONCURRENTLY, NOT VALID + VALIDATE, lock_timeout (default: config online.enabled)' },
    plain: { type: 'boolean', description: 'the plain plan even when the config enables online' },
    ...filterOptions,
    strict: STRICT_OPTION,
  },
  async run(ctx) {
    const { from, to } = ctx.options as { from?: string; to?: string };
    if ((from === undefined) !== (to === undefined)) throw usageError('--from and --to go together');
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: ctx.options['database-url'] as string | undefined });
    if (from !== undefined && to !== undefined) {
      if (ctx.positionals.length) throw usageError('NAME is not used with --from/--to');
      return diffTwo(ctx, server, from, to);
    }
    if (ctx.options.down) throw usageError('--down goes with --from/--to');
    if (ctx.positionals.length > 1) throw usageError('at most one NAME');
    return diffProject(ctx, server, ctx.positionals[0]);
  },
};

async function diffTwo(ctx: CommandContext, server: ServerTarget, from: string, to: string): Promise<number> {
  const filter = await commandFilter(ctx);
  const toSource = await sourceFromArgument(to, ctx.cwd);
  const [a, b] = await Promise.all([
    sourceFromArgument(from, ctx.cwd).then((s) => buildSnapshot(s, server, { filter })),
    buildSnapshot(toSource, server, { filter }),
  ]);
  await refuseUncastable(await uncastableChanges(server.adminUrl, a, b), b, toSource);
  noteRoles(ctx, a, b);
  const unmanaged = unmanagedOf(a, b);
  const fatal = reportUnmanaged(ctx, unmanaged);
  const plan = diffSnapshots(a, b, { includeOwnership: ctx.options['include-ownership'] === true, online: await onlineOption(ctx) });
  if (ctx.json) ctx.out(JSON.stringify({ steps: plan.steps, up: plan.up, down: plan.down, unmanaged }, null, 2) + '\n');
  else if (!fatal) {
    ctx.out(ctx.options.down ? plan.down : plan.up);
    if (!ctx.options.down) warnHazards(ctx, plan.steps);
  }
  return fatal ? 1 : 0;
}

async function diffProject(ctx: CommandContext, server: ServerTarget, name: string | undefined): Promise<number> {
  const schemaDir = path.resolve(ctx.cwd, ctx.options.schema as string);
  const migrationsDir = path.resolve(ctx.cwd, ctx.options.migrations as string);
  const includeOwnership = ctx.options['include-ownership'] === true;
  const filter = await commandFilter(ctx);
  const online = await onlineOption(ctx);
  if (name === undefined) {
    const [current, desired] = await Promise.all([
      buildSnapshot({ kind: 'migrationsDir', dir: migrationsDir }, server, { filter }),
      buildSnapshot({ kind: 'schemaDir', dir: schemaDir }, server, { filter }),
    ]);
    noteRoles(ctx, current, desired);
    await refuseUncastable(await uncastableChanges(server.adminUrl, current, desired), desired, { kind: 'schemaDir', dir: schemaDir });
    const unmanaged = unmanagedOf(current, desired);
    const fatal = reportUnmanaged(ctx, unmanaged);
    const plan = diffSnapshots(current, desired, { includeOwnership, online });
    if (fatal && !ctx.json) return 1;
    if (!plan.steps.length) return noChanges(ctx, unmanaged) + (fatal ? 1 : 0);
    if (ctx.json) {
      ctx.out(JSON.stringify({ changes: true, written: [], steps: plan.steps, up: plan.up, down: plan.down, unmanaged }, null, 2) + '\n');
      return fatal ? 1 : 0;
    } else {
      ctx.out(plan.up);
      warnHazards(ctx, plan.steps);
    }
    return 0;
  }
  migrationName(name);
  const verify = ctx.options['no-verify'] !== true;
  const seed = await projectSeed(ctx);
  const planned = await step(ctx, verify ? 'plan and prove' : 'plan', () =>
    planMigration({ server, schemaDir, migrationsDir, name, includeOwnership, verify, seed, filter, online }),
  );
  noteRoles(ctx, planned.from, planned.desired);
  const unmanaged = unmanagedOf(planned.from, planned.desired);
  if (reportUnmanaged(ctx, unmanaged)) {
    if (ctx.json) ctx.out(JSON.stringify({ changes: planned.plan.steps.length > 0, written: [], unmanaged }, null, 2) + '\n');
    else ctx.err('error: --strict: nothing written\n');
    return 1;
  }
  const { plan, proof } = planned;
  if (!plan.steps.length) return noChanges(ctx, unmanaged);
  if (proof.status === 'failed') throw proofError(proof, formatDifferences);
  await mkdir(migrationsDir, { recursive: true });
  const written = (await writePlannedMigration(migrationsDir, planned)).map((p) => path.relative(ctx.cwd, p));
  if (ctx.json) {
    ctx.out(JSON.stringify({ changes: true, written, proof, header: planned.header, steps: plan.steps, up: plan.up, down: plan.down, unmanaged, ...(planned.following ? { following: planned.following } : {}) }, null, 2) + '\n');
    return 0;
  }
  ctx.out(planned.files.up.content);
  for (const f of planned.following ?? []) ctx.out(`\n-- ${f.files.up.name}\n${f.files.up.content}`);
  warnHazards(ctx, plan.steps);
  if (proof.status === 'skipped') ctx.err('warning: --no-verify: the migration was written without being proven on a scratch database\n');
  else if (proof.status === 'proven') {
    const rows = proof.seed.loaded ? 'with the seed rows loaded' : `without rows (${proof.seed.reason})`;
    ctx.err(`proven in ${proof.ms} ms: up reaches the desired state and down returns to the previous one, ${rows}\n`);
  }
  for (const w of written) ctx.err(`wrote ${w}\n`);
  return 0;
}

/** The online settings when the command plans online (--online, or the config's default without --plain). */
async function onlineOption(ctx: CommandContext): Promise<SessionSettings | undefined> {
  if (ctx.options.online && ctx.options.plain) throw usageError('--online and --plain exclude each other');
  const config = onlineConfig(await loadConfig(ctx.cwd));
  if (ctx.options.plain || (!ctx.options.online && !config.enabled)) return undefined;
  return { lockTimeout: config.lockTimeout, ...(config.statementTimeout !== undefined ? { statementTimeout: config.statementTimeout } : {}) };
}

function noChanges(ctx: CommandContext, unmanaged: readonly unknown[] = []): number {
  if (ctx.json) ctx.out(JSON.stringify(unmanaged.length ? { changes: false, unmanaged } : { changes: false }) + '\n');
  else ctx.out('no changes\n');
  return 0;
}

/** The project's dev seed as a loader for the proof, when the project has seed files and a dev profile. */
async function projectSeed(ctx: CommandContext): Promise<((url: string) => Promise<void>) | undefined> {
  const config = await loadConfig(ctx.cwd);
  const files = await readdir(config.paths.seed).catch(() => [] as string[]);
  if (!files.some((f) => f.endsWith('.sql'))) return undefined;
  const { seedDatabase, seedProfile, seedProfiles } = await import('../../seed/index.js');
  if (!('dev' in seedProfiles(config))) return undefined;
  const profile = seedProfile(config, 'dev');
  return async (url) => {
    await seedDatabase(url, { seedDir: config.paths.seed, profile, force: true });
  };
}

/** Roles are handled by convention, never silently: say which ones the sources named. */
function noteRoles(ctx: CommandContext, ...snapshots: Snapshot[]): void {
  const roles = [...new Set(snapshots.flatMap((s) => s.roles ?? []))].sort();
  if (roles.length && !ctx.json) {
    ctx.err(`note: role(s) ${roles.join(', ')} are cluster-wide: CREATE ROLE runs only when a role is missing; a migration whose state needs new roles starts with their CREATE ROLE; none is ever dropped\n`);
  }
}

/** One stderr line per statement that loses data, so a reviewer cannot miss it. */
function warnHazards(ctx: CommandContext, steps: PlanStep[]): void {
  for (const s of steps) {
    if (s.hazards.includes('data-loss')) ctx.err(`warning: data loss: ${s.sql.split('\n')[0]}\n`);
  }
}
