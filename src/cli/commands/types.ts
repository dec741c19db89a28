/**
 * `strata types [--check]`: typed queries. Builds a scratch database from
 * migrations/ (from schema/ while there is no migration yet), runs pgtyped over
 * queries/*.sql and writes the generated `.queries.ts` files next to them.
 * With --check nothing is written: stale, missing or orphaned generated files
 * are reported and the exit code is 1 (the CI check).
 */
import type { Command } from '../command.js';
import { step, stepReporter } from '../progress.js';
import { resolveServer } from '../../cluster/index.js';
import { formatDiagnostic } from '../../core/diagnostic.js';
import {
  generateQueryTypes,
  readTypegenConfig,
  staleGeneratedFiles,
  withTypeSourceDatabase,
  writeGeneratedFiles,
} from '../../typegen/index.js';

export const types: Command = {
  path: ['types'],
  summary: 'Generate TypeScript types for queries/ with pgtyped (--check: fail when they are stale)',
  usage: '[--check]',
  description: `Types come from a scratch database built from migrations/, or from schema/ while migrations/
is empty (the output says which). A query that does not type fails the command, even though
pgtyped itself exits 0. Configuration: pgtyped.config.json (srcDir, camelCaseColumnNames, ...).`,
  options: {
    check: { type: 'boolean', description: 'compare with the committed files instead of writing them; exit 1 when stale' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const server = await resolveServer({ databaseUrl: ctx.options['database-url'] as string | undefined, cwd: ctx.cwd, onStep: stepReporter(ctx) });
    const config = await readTypegenConfig(ctx.cwd);
    const { files, source } = await withTypeSourceDatabase(server, ctx.cwd, async (url, source) => ({
      files: await step(ctx, 'pgtyped', () => generateQueryTypes(ctx.cwd, url)),
      source,
    }));
    const from = source === 'migrations' ? 'migrations/' : 'schema/ (migrations/ is empty)';
    if (ctx.options.check) {
      const stale = await staleGeneratedFiles(ctx.cwd, files, config.srcDir);
      if (ctx.json) ctx.out(JSON.stringify({ source, files: files.map((f) => f.path), stale }) + '\n');
      else {
        for (const d of stale) ctx.err(formatDiagnostic(d) + '\n');
        if (!stale.length) ctx.out(`${files.length} generated files are up to date (typed against ${from})\n`);
      }
      return stale.length ? 1 : 0;
    }
    const changed = await writeGeneratedFiles(ctx.cwd, files);
    if (ctx.json) ctx.out(JSON.stringify({ source, files: files.map((f) => f.path), changed }) + '\n');
    else {
      for (const c of changed) ctx.out(`wrote ${c}\n`);
      ctx.out(`${files.length} query files typed against ${from}; ${changed.length} changed\n`);
    }
    return 0;
  },
};

