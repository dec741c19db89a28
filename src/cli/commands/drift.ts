/**
 * `strata drift` — compare a live database with the state its applied
 * migrations produce and with the desired state; print the differences and the
 * SQL that would reconcile them; exit 1 on drift.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveServer } from '../../cluster/index.js';
import { resolveMigrationTarget } from '../../runner/index.js';
import { detectDrift } from '../../verify/index.js';
import { formatDifferences } from '../../verify/format.js';
import { commandFilter, filterOptions } from '../filters.js';
import { reportUnmanaged, STRICT_OPTION } from '../unmanaged.js';

export const driftCommand: Command = {
  path: ['drift'],
  summary: 'Compare a live database with its migrations and with schema/',
  usage: '[--database-url <url>] [--dir <dir>] [--schema <dir>]',
  description: `Against DATABASE_URL (or --database-url; default: the embedded dev database
strata_dev). Replays the migrations up to the database's latest applied version on a scratch
database and compares; then compares with schema/. For each comparison prints the differences
("missing": expected but absent from the live database, "extra": present but not expected,
"differs") and the SQL that would turn the live database into the expected state.
Exits 1 on any difference. Objects strata does not model are listed as
"warning: not managed: <kind> <name>"; with --strict they are errors and exit 1.`,
  options: {
    dir: { type: 'string', valueName: '<dir>', description: 'migrations folder', default: 'migrations' },
    schema: { type: 'string', valueName: '<dir>', description: 'desired-state folder', default: 'schema' },
    ...filterOptions,
    strict: STRICT_OPTION,
  },
  async run(ctx) {
    if (ctx.positionals.length) throw usageError(`unexpected argument: ${ctx.positionals[0]}`);
    const databaseUrl = ctx.options['database-url'] as string | undefined;
    const target = await resolveMigrationTarget({ cwd: ctx.cwd, databaseUrl });
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl });
    const r = await detectDrift({
      server,
      url: target.url,
      dir: path.resolve(ctx.cwd, String(ctx.options.dir ?? 'migrations')),
      schemaDir: path.resolve(ctx.cwd, String(ctx.options.schema ?? 'schema')),
      filter: await commandFilter(ctx),
    });
    const fatal = reportUnmanaged(ctx, r.unmanaged);
    if (ctx.json) {
      ctx.out(JSON.stringify(r, null, 2) + '\n');
      return r.drift || fatal ? 1 : 0;
    }
    if (r.appliedVersion === undefined) ctx.out('no migrations applied (no strata.schema_migrations rows): comparing with the desired state only\n');
    for (const c of r.comparisons) {
      const what = c.against === 'migrations' ? `the migrations applied up to ${r.appliedVersion}` : 'the desired state (schema/)';
      if (c.differences.length === 0) {
        ctx.out(`no drift from ${what}\n`);
        continue;
      }
      ctx.out(`drift from ${what}: ${c.differences.length} difference(s)\n`);
      ctx.out(formatDifferences(c.differences));
      if (c.reconcileSql.trim()) ctx.out(`SQL that would reconcile the live database with ${what}:\n${c.reconcileSql.trimEnd()}\n`);
      ctx.out('\n');
    }
    return r.drift || fatal ? 1 : 0;
  },
};
