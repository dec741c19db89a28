/**
 * `strata verify` — replay the whole migrations folder on a fresh database with
 * the runner and compare the result with the desired state (schema/). Whichever
 * tool wrote the migrations, every object they miss is listed.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveServer } from '../../cluster/index.js';
import { verifyMigrations } from '../../verify/index.js';
import { formatDifferences } from '../../verify/format.js';
import { commandFilter, filterOptions } from '../filters.js';
import { reportUnmanaged, STRICT_OPTION } from '../unmanaged.js';

export const verifyCommand: Command = {
  path: ['verify'],
  summary: 'Replay migrations/ on a fresh database and compare it with schema/',
  usage: '[--dir <dir>] [--schema <dir>]',
  description: `Applies every migration with the runner on a scratch database, builds schema/ on
another, and compares them. Lists every object of the desired state the migrations do not
create ("missing"), create in another shape ("differs"), or create beyond it ("extra"),
then the SQL that would complete the migrations. Exits 1 when there is any difference.
Objects strata does not model are listed as "warning: not managed: <kind> <name>"; with --strict
they are errors and exit 1.`,
  options: {
    dir: { type: 'string', valueName: '<dir>', description: 'migrations folder', default: 'migrations' },
    schema: { type: 'string', valueName: '<dir>', description: 'desired-state folder', default: 'schema' },
    ...filterOptions,
    strict: STRICT_OPTION,
  },
  async run(ctx) {
    if (ctx.positionals.length) throw usageError(`unexpected argument: ${ctx.positionals[0]}`);
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: ctx.options['database-url'] as string | undefined });
    const r = await verifyMigrations({
      server,
      dir: path.resolve(ctx.cwd, String(ctx.options.dir ?? 'migrations')),
      schemaDir: path.resolve(ctx.cwd, String(ctx.options.schema ?? 'schema')),
      filter: await commandFilter(ctx),
    });
    const fatal = reportUnmanaged(ctx, r.unmanaged);
    if (ctx.json) {
      ctx.out(JSON.stringify({ ok: r.differences.length === 0 && !fatal, ...r }, null, 2) + '\n');
      return r.differences.length || fatal ? 1 : 0;
    }
    if (r.differences.length === 0) {
      ctx.out(fatal ? 'the migrations build the desired state, but it holds objects strata does not manage (--strict)\n' : 'ok: the migrations build exactly the desired state\n');
      return fatal ? 1 : 0;
    }
    const missing = r.differences.filter((d) => d.kind === 'missing').length;
    ctx.out(`the migrations do not build the desired state (${missing} missing, ${r.differences.length - missing} other differences):\n`);
    ctx.out(formatDifferences(r.differences));
    if (r.missingSql.trim()) ctx.out(`\nSQL that would complete the migrations:\n${r.missingSql.trimEnd()}\n`);
    return 1;
  },
};
