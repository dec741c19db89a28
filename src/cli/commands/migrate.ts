/**
 * `strata migrate up|down|status|validate|repair|hash` — the runner and the
 * directory checks. Targets `--database-url`/`DATABASE_URL` when given, else
 * database `strata_dev` on the embedded dev cluster.
 */
import path from 'node:path';
import type { Command, CommandContext, OptionSpec } from '../command.js';
import { formatDiagnostic, usageError, type Diagnostic } from '../../core/diagnostic.js';
import { checkAtlasSum, readMigrationDir, writeAtlasSum } from '../../migrations/index.js';
import {
  migrateDown,
  migrateRepair,
  migrateStatus,
  migrateUp,
  resolveMigrationTarget,
  type RunResult,
  type RunnerEvent,
  type RunnerOptions,
} from '../../runner/index.js';
import { resolveServer } from '../../cluster/index.js';
import { driftGuard, formatDifferences } from '../../verify/index.js';
import { baselineDatabase } from '../../pull/baseline.js';
import { commandFilter, filterOptions } from '../filters.js';
import { SECRET_PREFIX } from '../../core/secrets.js';
import { loadConfig } from '../../config/index.js';
import { onlineConfig } from '../../config/online.js';

const dirOption: OptionSpec = { type: 'string', valueName: '<dir>', description: 'migrations folder', default: 'migrations' };
const timeoutOptions: Record<string, OptionSpec> = {
  'lock-timeout': { type: 'string', valueName: '<duration>', description: 'lock_timeout inside each migration, e.g. 5s (default: the server setting)' },
  'statement-timeout': { type: 'string', valueName: '<duration>', description: 'statement_timeout inside each migration, e.g. 10min (default: the server setting)' },
  'lock-retries': { type: 'string', valueName: '<n>', description: 'retry a statement that fails with 55P03 (lock_timeout) up to n times, with backoff (default: config online.retries when the project has an online section, else 0)' },
};

function str(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.options[name];
  return typeof v === 'string' ? v : undefined;
}

async function runnerOptions(ctx: CommandContext): Promise<RunnerOptions> {
  if (ctx.positionals.length) throw usageError(`unexpected argument: ${ctx.positionals[0]}`);
  const target = await resolveMigrationTarget({ cwd: ctx.cwd, databaseUrl: str(ctx, 'database-url') });
  const dirArg = str(ctx, 'dir') ?? 'migrations';
  return {
    url: target.url,
    dir: path.resolve(ctx.cwd, dirArg),
    dirLabel: dirArg,
    lockTimeout: str(ctx, 'lock-timeout'),
    statementTimeout: str(ctx, 'statement-timeout'),
    lockRetry: await lockRetry(ctx),
    onEvent: (e) => progress(ctx, e),
    secrets: secretValues(ctx),
  };
}

const secretOption: Record<string, OptionSpec> = {
  secret: {
    type: 'string',
    multiple: true,
    valueName: '<NAME=value>',
    description: 'value of a ${STRATA_SECRET_...} placeholder (user-mapping and subscription secrets); default: the environment variable NAME',
  },
};

/** `--secret NAME=value` (NAME with or without its STRATA_SECRET_ prefix), else the environment. */
function secretValues(ctx: CommandContext): (name: string) => string | undefined {
  const raw = ctx.options.secret;
  const given = new Map<string, string>();
  for (const item of Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw usageError('--secret takes NAME=value, e.g. --secret STRATA_SECRET_REMOTE_APP_PASSWORD=…');
    const name = item.slice(0, eq);
    given.set(name.startsWith(SECRET_PREFIX) ? name : SECRET_PREFIX + name, item.slice(eq + 1));
  }
  return (name) => given.get(name) ?? process.env[name];
}

async function lockRetry(ctx: CommandContext): Promise<RunnerOptions['lockRetry']> {
  const arg = str(ctx, 'lock-retries');
  if (arg !== undefined && !/^\d+$/.test(arg)) throw usageError(`--lock-retries must be a whole number, got ${arg}`);
  const config = await loadConfig(ctx.cwd);
  const online = onlineConfig(config);
  const retries = arg !== undefined ? Number(arg) : config.section('online') !== undefined ? online.retries : 0;
  return retries ? { retries, delayMs: online.retryDelayMs } : undefined;
}

function progress(ctx: CommandContext, e: RunnerEvent): void {
  if (ctx.json) return;
  if (e.kind === 'lock-wait') ctx.err('waiting for another strata migrate run on this database (advisory lock)\n');
  else if (e.kind === 'lock-retry') ctx.err(`${e.file}:${e.line}: lock not available (55P03): retry ${e.attempt} of ${e.retries} in ${e.delayMs} ms\n`);
  else if (e.kind === 'invalid-index-dropped') ctx.err(`${e.file}:${e.line}: dropped INVALID index ${e.index} left by an earlier failed build\n`);
  else if (e.kind === 'start' && ctx.progress) ctx.err(`${e.direction === 'up' ? 'applying' : 'rolling back'} ${e.version}_${e.name}${e.transactional ? '' : ' (no transaction)'} …\n`);
}

function report(ctx: CommandContext, r: RunResult): number {
  if (ctx.json) {
    ctx.out(JSON.stringify(r, null, 2) + '\n');
    return 0;
  }
  if (r.applied.length === 0) ctx.out(r.direction === 'up' ? 'nothing to apply: the database is up to date\n' : 'nothing to roll back\n');
  for (const a of r.applied) ctx.out(`${r.direction === 'up' ? 'applied' : 'rolled back'} ${a.version}_${a.name} (${a.ms} ms)\n`);
  return 0;
}

export const migrateUpCommand: Command = {
  path: ['migrate', 'up'],
  summary: 'Apply pending migrations',
  usage: '[--to <version>] [--dir <dir>] [--lock-timeout <d>] [--statement-timeout <d>]',
  description: `Applies every pending migration in version order, each in its own transaction
(files starting with "-- strata:no-transaction" run statement by statement and are marked dirty
until they finish). A pg_advisory_lock serialises concurrent runs. Refuses, with the remedy, when
an applied file changed or is missing, the database holds an unknown version, or a version is dirty.
A migration written by \`strata diff\` carries the fingerprint of the state it was planned against:
before it runs, the database's fingerprint must match, else it is refused with the drift listed
(--allow-drift applies it anyway and says so).
Secrets of user mappings and subscriptions are placeholders in the files (\${STRATA_SECRET_<NAME>}):
each is taken from --secret NAME=value or the environment variable NAME, never printed, and a
migration whose secret is missing is refused before anything runs.`,
  options: {
    dir: dirOption,
    to: { type: 'string', valueName: '<version>', description: 'stop after this version' },
    'allow-drift': { type: 'boolean', description: 'apply a generated migration even when the database drifted from the state it was planned against' },
    ...timeoutOptions,
    ...secretOption,
  },
  async run(ctx) {
    const opts = await runnerOptions(ctx);
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: str(ctx, 'database-url') });
    const allowDrift = ctx.options['allow-drift'] === true;
    const beforeApply = driftGuard({
      server,
      dir: opts.dir,
      allowDrift,
      onDrift: (m, ds) => {
        ctx.err(`warning: --allow-drift: applying ${m.up.file} although the database drifted from the state it was planned against (${ds.length} difference${ds.length === 1 ? '' : 's'}):\n`);
        ctx.err(formatDifferences(ds));
      },
    });
    return report(ctx, await migrateUp({ ...opts, to: str(ctx, 'to'), beforeApply }));
  },
};

export const migrateDownCommand: Command = {
  path: ['migrate', 'down'],
  summary: 'Roll back applied migrations (default: the latest one)',
  usage: '[--steps <n> | --to <version>] [--dir <dir>] [--lock-timeout <d>] [--statement-timeout <d>]',
  description: 'Runs the .down.sql files newest first. --to 0 rolls back everything.',
  options: {
    dir: dirOption,
    steps: { type: 'string', valueName: '<n>', description: 'how many migrations to roll back (default 1)' },
    to: { type: 'string', valueName: '<version>', description: 'roll back every migration above this version (0: all)' },
    ...timeoutOptions,
    ...secretOption,
  },
  async run(ctx) {
    const steps = str(ctx, 'steps');
    if (steps !== undefined && !/^\d+$/.test(steps)) throw usageError(`--steps must be a positive integer, got ${steps}`);
    return report(ctx, await migrateDown({ ...(await runnerOptions(ctx)), steps: steps === undefined ? undefined : Number(steps), to: str(ctx, 'to') }));
  },
};

export const migrateStatusCommand: Command = {
  path: ['migrate', 'status'],
  summary: 'Show applied, pending, dirty, changed and missing migrations',
  usage: '[--dir <dir>] [--json]',
  description: 'Exits 1 when up would refuse (dirty, changed, missing or unknown versions).',
  options: { dir: dirOption },
  async run(ctx) {
    const s = await migrateStatus(await runnerOptions(ctx));
    if (ctx.json) {
      ctx.out(JSON.stringify(s, null, 2) + '\n');
      return s.problems.some((p) => p.severity === 'error') ? 1 : 0;
    }
    const width = Math.max(7, ...s.entries.map((e) => e.state.length));
    for (const e of s.entries) {
      const when = e.appliedAt ? `  ${e.appliedAt} by ${e.appliedBy} (${e.executionMs} ms)` : '';
      ctx.out(`${e.state.padEnd(width)}  ${e.version}_${e.name}${e.transactional === false ? ' [no-transaction]' : ''}${when}\n`);
    }
    const pending = s.entries.filter((e) => e.state === 'pending').length;
    ctx.out(`current version: ${s.current ?? 'none'}; ${pending} pending\n`);
    for (const p of s.problems) ctx.err(formatDiagnostic(p) + '\n');
    return s.problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};

export const migrateValidateCommand: Command = {
  path: ['migrate', 'validate'],
  summary: 'Check the migrations folder offline: names, pairs, order and atlas.sum',
  usage: '[--dir <dir>]',
  options: { dir: dirOption },
  async run(ctx) {
    if (ctx.positionals.length) throw usageError(`unexpected argument: ${ctx.positionals[0]}`);
    const dir = path.resolve(ctx.cwd, str(ctx, 'dir') ?? 'migrations');
    const problems: Diagnostic[] = [];
    const d = await readMigrationDir(dir);
    problems.push(...d.warnings);
    try {
      await checkAtlasSum(dir);
    } catch (e) {
      if (e instanceof Error && 'diagnostic' in e) problems.push((e as { diagnostic: Diagnostic }).diagnostic);
      else throw e;
    }
    const failed = problems.some((p) => p.severity === 'error');
    if (ctx.json) ctx.out(JSON.stringify({ migrations: d.migrations.length, problems }, null, 2) + '\n');
    else {
      for (const p of problems) ctx.err(formatDiagnostic(p) + '\n');
      if (!failed) ctx.out(`ok: ${d.migrations.length} migrations, atlas.sum matches\n`);
    }
    return failed ? 1 : 0;
  },
};

export const migrateRepairCommand: Command = {
  path: ['migrate', 'repair'],
  summary: 'Clear dirty versions, realign checksums, forget versions without files',
  usage: '[--mark-applied] [--checksums] [--forget <version>]... [--dir <dir>]',
  description: `Without flags, removes dirty rows from the history so \`strata migrate up\` runs them
again (undo their partial effects first). --mark-applied keeps dirty versions as applied instead
(you finished them by hand). --checksums stores the current checksum of applied files that were
edited. --forget removes a history row whose file no longer exists.`,
  options: {
    dir: dirOption,
    'mark-applied': { type: 'boolean', description: 'keep dirty versions as applied' },
    checksums: { type: 'boolean', description: 'accept the current contents of edited applied files' },
    forget: { type: 'string', multiple: true, valueName: '<version>', description: 'remove this version from the history' },
  },
  async run(ctx) {
    const forget = ctx.options.forget;
    const r = await migrateRepair({
      ...(await runnerOptions(ctx)),
      markApplied: ctx.options['mark-applied'] === true,
      checksums: ctx.options.checksums === true,
      forget: Array.isArray(forget) ? forget : typeof forget === 'string' ? [forget] : undefined,
    });
    if (ctx.json) ctx.out(JSON.stringify(r, null, 2) + '\n');
    else ctx.out(r.actions.length ? r.actions.map((a) => a + '\n').join('') : 'nothing to repair\n');
    return 0;
  },
};

export const migrateHashCommand: Command = {
  path: ['migrate', 'hash'],
  summary: 'Rewrite migrations/atlas.sum from the files',
  usage: '[--dir <dir>] [--flavour current|legacy]',
  description: `Writes atlas.sum as Atlas does for a golang-migrate folder. The current flavour
hashes the .up.sql files only; legacy (Atlas before v0.36) hashes the .down.sql files too.
Default: the flavour of the existing atlas.sum, current when there is none.`,
  options: {
    dir: dirOption,
    flavour: { type: 'string', valueName: '<current|legacy>', description: 'which Atlas sum flavour to write' },
  },
  async run(ctx) {
    const dir = path.resolve(ctx.cwd, str(ctx, 'dir') ?? 'migrations');
    const flavour = str(ctx, 'flavour');
    if (flavour !== undefined && flavour !== 'current' && flavour !== 'legacy') throw usageError(`--flavour must be current or legacy, got ${flavour}`);
    await writeAtlasSum(dir, flavour);
    if (!ctx.json) ctx.out(`wrote ${path.join(str(ctx, 'dir') ?? 'migrations', 'atlas.sum')}\n`);
    return 0;
  },
};

export const migrateBaselineCommand: Command = {
  path: ['migrate', 'baseline'],
  summary: 'Mark a database that existed before strata as migrated: write (or reuse) a baseline migration and record it applied',
  usage: '[--dir <dir>] [--include <rule>]... [--exclude <rule>]...',
  description: `For a database strata has not migrated yet. With no baseline in the folder, pulls the
database (as \`strata pull\` does) into <UTC version>_baseline.up.sql and .down.sql, refreshes
atlas.sum, and records the baseline as applied without running it. When the folder already has a
baseline (written from another database of the same schema), checks that this database matches
it and records it. Either way \`strata migrate up\` then applies only the migrations after it.
Refuses a database that already has a migration history, and a folder holding other migrations
but no baseline.`,
  options: { dir: dirOption, ...filterOptions },
  async run(ctx) {
    const opts = await runnerOptions(ctx);
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: str(ctx, 'database-url') });
    const r = await baselineDatabase({ url: opts.url, server, dir: opts.dir, filter: await commandFilter(ctx) });
    const written = r.written.map((p) => path.relative(ctx.cwd, p));
    if (ctx.json) {
      ctx.out(JSON.stringify({ version: r.version, written }, null, 2) + '\n');
      return 0;
    }
    for (const w of written) ctx.out(`wrote ${w}\n`);
    ctx.out(`recorded ${r.version}_baseline as applied; \`strata migrate up\` applies what follows it\n`);
    return 0;
  },
};
