/**
 * `strata init [DIR]`: lay out a new strata project in DIR (default: --project,
 * else the current directory) and print the next three commands.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { displayPath, initProject, nextCommands } from '../../init/index.js';
import { redact, resolveServer } from '../../cluster/index.js';
import { usageError } from '../../core/diagnostic.js';
import { loadConfig } from '../../config/index.js';
import { pullDatabase, writePulled } from '../../pull/index.js';
import { baselineDatabase } from '../../pull/baseline.js';

/** Pull the live database into the new project's schema/ and record the baseline in it. */
async function adopt(root: string, url: string, serverUrl: string | undefined): Promise<{ files: number; version: string }> {
  const config = await loadConfig(root);
  // Scratch databases on --database-url's server when given, else the new project's embedded cluster.
  const server = await resolveServer({ cwd: root, databaseUrl: serverUrl });
  const pulled = await pullDatabase({ url, server });
  // schema/ holds only the layout's .gitkeep here.
  await writePulled(config.paths.schema, pulled.files);
  const r = await baselineDatabase({ url, server, dir: config.paths.migrations });
  return { files: pulled.files.length, version: r.version };
}

export const init: Command = {
  path: ['init'],
  summary: 'Lay out a new project: schema/, queries/, migrations/, test/, docs/, config, Makefile',
  usage: '[DIR] [--from-database <url>]',
  description: `Creates DIR (default: --project, else the current directory) with the folders schema/,
queries/, migrations/, test/ and docs/, a commented strata.config.json, atlas.hcl,
pgtyped.config.json, a Makefile with the usual targets (make diff, migrate, types, test, ...)
and a .gitignore for .strata/ (appended to an existing one). Never overwrites: when any of
those files exists, nothing is written and the command exits 1.

With --from-database URL it adopts an existing database: \`strata pull\` writes its schema into
schema/, and \`strata migrate baseline\` writes that state as the first migration and records it as
applied in that database, so the next \`strata migrate up\` there applies only what follows.`,
  options: {
    'from-database': { type: 'string', valueName: '<url>', description: 'adopt this live database: pull its schema and record a baseline migration in it' },
  },
  positionals: { max: 1 },
  createsProject: true,
  async run(ctx) {
    const from = ctx.invokedFrom ?? ctx.cwd;
    const dir = ctx.positionals[0] !== undefined ? path.resolve(from, ctx.positionals[0]) : ctx.options.project !== undefined ? ctx.cwd : from;
    const source = ctx.options['from-database'] as string | undefined;
    if (source !== undefined && !/^postgres(ql)?:\/\//.test(source)) throw usageError(`--from-database takes a postgres:// URL, got ${JSON.stringify(source)}`);
    const result = await initProject(dir);
    const next = nextCommands(result.root, from);
    const adopted = source === undefined ? undefined : await adopt(result.root, source, ctx.options['database-url'] as string | undefined);
    if (ctx.json) {
      ctx.out(JSON.stringify({ root: result.root, written: result.written, updated: result.updated, next, ...(adopted ? { adopted } : {}) }) + '\n');
      return 0;
    }
    const shown = displayPath(result.root, from);
    for (const f of result.written) ctx.out(`created ${path.join(shown, f)}\n`);
    for (const f of result.updated) ctx.out(`updated ${path.join(shown, f)} (added .strata/)\n`);
    if (adopted) {
      ctx.out(`pulled ${adopted.files} schema file(s) into ${path.join(shown, 'schema')}/ from ${redact(source!)}\n`);
      ctx.out(`recorded ${adopted.version}_baseline as applied there; \`strata migrate up\` applies only what follows it\n`);
      return 0;
    }
    ctx.out(`\nNext: write your tables into ${path.join(shown, 'schema')}/*.sql, then\n`);
    for (const c of next) ctx.out(`  ${c}\n`);
    return 0;
  },
};
