/**
 * `strata pull` — write the desired state (schema/) from a live database, so a team
 * with an existing database can start: one file per schema, table (with its indexes,
 * constraints, policies, comments and grants), function and view, in an order that builds.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveServer } from '../../cluster/index.js';
import { loadConfig } from '../../config/index.js';
import { resolveMigrationTarget } from '../../runner/index.js';
import { pullDatabase, writePulled } from '../../pull/index.js';
import { commandFilter, filterOptions } from '../filters.js';

export const pullCommand: Command = {
  path: ['pull'],
  summary: 'Write schema/ from a live database (one file per schema, table, function and view)',
  usage: '[--database-url <url>] [--out <dir>] [--force] [--include <rule>]... [--exclude <rule>]...',
  description: `Reads the database (DATABASE_URL or --database-url; default: the embedded dev database
strata_dev) and writes its schema as desired-state files into --out (default: the project's
schema folder). Each file holds one unit: a schema with its grants and default privileges, the
extensions, a schema's types, a table with its sequences, partitions, indexes, constraints,
triggers, policies, comments and grants, a function, a view. Files are numbered so that path
order builds them; CREATE ROLE statements for the roles the schema names come first.
Objects owned by the role that reads the database carry no OWNER TO. Refuses a folder that
already holds .sql files unless --force (which replaces them). Filters (--include, --exclude,
the config's "filters") leave objects of other tools out.`,
  options: {
    out: { type: 'string', valueName: '<dir>', description: 'folder to write (default: the schema folder of strata.config.json)' },
    force: { type: 'boolean', description: 'replace the .sql files already in the folder' },
    ...filterOptions,
  },
  positionals: { max: 0 },
  async run(ctx) {
    if (ctx.positionals.length) throw usageError(`unexpected argument: ${ctx.positionals[0]}`);
    const databaseUrl = ctx.options['database-url'] as string | undefined;
    const config = await loadConfig(ctx.cwd);
    const out = typeof ctx.options.out === 'string' ? path.resolve(ctx.cwd, ctx.options.out) : config.paths.schema;
    const [target, server] = await Promise.all([resolveMigrationTarget({ cwd: ctx.cwd, databaseUrl }), resolveServer({ cwd: ctx.cwd, databaseUrl })]);
    const r = await pullDatabase({ url: target.url, server, filter: await commandFilter(ctx) });
    await writePulled(out, r.files, { replace: ctx.options.force === true });
    const shown = path.relative(ctx.cwd, out) || '.';
    if (ctx.json) {
      ctx.out(JSON.stringify({ out: shown, files: r.files.map((f) => ({ path: path.join(shown, f.path), objects: f.objects })) }, null, 2) + '\n');
      return 0;
    }
    for (const f of r.files) ctx.out(`wrote ${path.join(shown, f.path)}\n`);
    ctx.out(`${r.files.length} files, ${r.plan.steps.length} statements\n`);
    return 0;
  },
};
