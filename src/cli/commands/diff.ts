/**
 * `strata diff [NAME]` — desired state (schema/) against the migrations' replay;
 * with NAME, writes the next migration pair and refreshes atlas.sum.
 * `strata diff --from <src> --to <src> [--down]` — any two states, SQL on stdout.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveServer, type ServerTarget } from '../../cluster/index.js';
import { diffSnapshots, type PlanStep, type Snapshot } from '../../engine/index.js';
import { buildSnapshot, sourceFromArgument } from '../../state/index.js';
import { commandFilter, filterOptions } from '../filters.js';

function migrationName(name: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw usageError(`migration name may hold letters, digits, _ and - only: ${name}`);
  return name;
}

function utcStamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export const diffCommand: Command = {
  path: ['diff'],
  summary: 'Diff desired state against migrations (or any two states) and write or print the migration',
  usage: '[NAME] | --from <url|dir|file.sql> --to <url|dir|file.sql> [--down]',
  description: `Without --from/--to: builds schema/ and the replay of migrations/*.up.sql on scratch
databases, prints the plan (up SQL), and with NAME writes
migrations/<UTC yyyymmddhhmmss>_<NAME>.up.sql and .down.sql and refreshes migrations/atlas.sum.
Prints "no changes" and exits 0 when there is nothing to do.

With --from and --to: each side is a postgres:// URL, a .sql file, a schema folder, or a
migrations folder (holding <version>_<name>.up.sql files). Prints the up SQL on stdout, or the
down SQL with --down; prints nothing when the states are equal.`,
  options: {
    from: { type: 'string', valueName: '<src>', description: 'current state: URL, .sql file, schema or migrations folder' },
    to: { type: 'string', valueName: '<src>', description: 'desired state: URL, .sql file, schema or migrations folder' },
    down: { type: 'boolean', description: 'with --from/--to: print the down SQL instead of the up SQL' },
    'include-ownership': { type: 'boolean', description: 'also diff object owners (ALTER ... OWNER TO); off by default' },
    schema: { type: 'string', valueName: '<dir>', description: 'desired-state folder', default: 'schema' },
    migrations: { type: 'string', valueName: '<dir>', description: 'migrations folder', default: 'migrations' },
    ...filterOptions,
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
  const [a, b] = await Promise.all([
    sourceFromArgument(from, ctx.cwd).then((s) => buildSnapshot(s, server, { filter })),
    sourceFromArgument(to, ctx.cwd).then((s) => buildSnapshot(s, server, { filter })),
  ]);
  noteRoles(ctx, a, b);
  const plan = diffSnapshots(a, b, { includeOwnership: ctx.options['include-ownership'] === true });
  if (ctx.json) ctx.out(JSON.stringify({ steps: plan.steps, up: plan.up, down: plan.down }, null, 2) + '\n');
  else {
    ctx.out(ctx.options.down ? plan.down : plan.up);
    if (!ctx.options.down) warnHazards(ctx, plan.steps);
  }
  return 0;
}

async function diffProject(ctx: CommandContext, server: ServerTarget, name: string | undefined): Promise<number> {
  const schemaDir = path.resolve(ctx.cwd, ctx.options.schema as string);
  const migrationsDir = path.resolve(ctx.cwd, ctx.options.migrations as string);
  if (name !== undefined) migrationName(name);
  const filter = await commandFilter(ctx);
  const [current, desired] = await Promise.all([
    buildSnapshot({ kind: 'migrationsDir', dir: migrationsDir }, server, { filter }),
    buildSnapshot({ kind: 'schemaDir', dir: schemaDir }, server, { filter }),
  ]);
  noteRoles(ctx, current, desired);
  const plan = diffSnapshots(current, desired, { includeOwnership: ctx.options['include-ownership'] === true });
  if (!plan.steps.length) {
    if (ctx.json) ctx.out(JSON.stringify({ changes: false }) + '\n');
    else ctx.out('no changes\n');
    return 0;
  }
  let written: string[] = [];
  if (name !== undefined) {
    await mkdir(migrationsDir, { recursive: true });
    const version = await nextFreeVersion(migrationsDir, new Date());
    const base = path.join(migrationsDir, `${version}_${name}`);
    await writeFile(`${base}.up.sql`, plan.up);
    await writeFile(`${base}.down.sql`, plan.down);
    const { writeAtlasSum } = await import('../../migrations/atlas-sum.js');
    await writeAtlasSum(migrationsDir);
    written = [`${base}.up.sql`, `${base}.down.sql`].map((p) => path.relative(ctx.cwd, p));
  }
  if (ctx.json) {
    ctx.out(JSON.stringify({ changes: true, written, steps: plan.steps, up: plan.up, down: plan.down }, null, 2) + '\n');
    return 0;
  }
  ctx.out(plan.up);
  warnHazards(ctx, plan.steps);
  for (const w of written) ctx.err(`wrote ${w}\n`);
  return 0;
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

/** A UTC timestamp version, bumped past the latest existing one so versions stay strictly increasing. */
async function nextFreeVersion(dir: string, now: Date): Promise<string> {
  let v = BigInt(utcStamp(now));
  for (const n of await readdir(dir)) {
    const m = /^(\d+)_/.exec(n);
    if (m && BigInt(m[1]!) >= v) v = BigInt(m[1]!) + 1n;
  }
  return v.toString();
}
