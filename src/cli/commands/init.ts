/**
 * `strata init [DIR]`: lay out a new strata project in DIR (default: --project,
 * else the current directory) and print the next three commands.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { displayPath, initProject, nextCommands } from '../../init/index.js';

export const init: Command = {
  path: ['init'],
  summary: 'Lay out a new project: schema/, queries/, migrations/, test/, docs/, config, Makefile',
  usage: '[DIR]',
  description: `Creates DIR (default: --project, else the current directory) with the folders schema/,
queries/, migrations/, test/ and docs/, a commented strata.config.json, atlas.hcl,
pgtyped.config.json, a Makefile with the usual targets (make diff, migrate, types, test, ...)
and a .gitignore for .strata/ (appended to an existing one). Never overwrites: when any of
those files exists, nothing is written and the command exits 1.`,
  options: {},
  positionals: { max: 1 },
  createsProject: true,
  async run(ctx) {
    const from = ctx.invokedFrom ?? ctx.cwd;
    const dir = ctx.positionals[0] !== undefined ? path.resolve(from, ctx.positionals[0]) : ctx.options.project !== undefined ? ctx.cwd : from;
    const result = await initProject(dir);
    const next = nextCommands(result.root, from);
    if (ctx.json) {
      ctx.out(JSON.stringify({ root: result.root, written: result.written, updated: result.updated, next }) + '\n');
      return 0;
    }
    const shown = displayPath(result.root, from);
    for (const f of result.written) ctx.out(`created ${path.join(shown, f)}\n`);
    for (const f of result.updated) ctx.out(`updated ${path.join(shown, f)} (added .strata/)\n`);
    ctx.out(`\nNext: write your tables into ${path.join(shown, 'schema')}/*.sql, then\n`);
    for (const c of next) ctx.out(`  ${c}\n`);
    return 0;
  },
};
