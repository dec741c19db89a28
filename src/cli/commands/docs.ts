/**
 * `strata docs [--check] [--no-svg]`: the schema documentation in `<docs>/schema/` (README.md
 * with one diagram per domain, a page per table, views, functions, types, the migration
 * history, index.html and er.svg), from the catalog of the database migrations/ builds.
 * With --check nothing is written: stale, missing or orphaned files are reported, exit 1.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { step, stepReporter } from '../progress.js';
import { resolveServer } from '../../cluster/index.js';
import { formatDiagnostic, usageError } from '../../core/diagnostic.js';
import { loadConfig } from '../../config/index.js';
import { DOCS_SUBDIR, generateDocs, staleDocs, writeDocs } from '../../docs/index.js';

export const docs: Command = {
  path: ['docs'],
  summary: 'Generate the schema documentation in docs/schema/ (--check: fail when it is stale)',
  usage: '[--check] [--no-svg]',
  description: `Replays migrations/ on scratch databases (the state after each migration, for the history) and
writes, from the final catalog: README.md (tables by domain = the schema/ file that creates them, one
Mermaid ER diagram per domain), <schema>.<table>.md for every table, views.md, functions.md, types.md,
migrations.md, index.html (a static page to search and browse; open it from the file system) and
er.svg (the whole schema, rendered with mermaid in the system's Chromium: ${'`'}apt-get install -y chromium${'`'};
STRATA_CHROMIUM names another binary). Without Chromium everything but er.svg is still written, and
--check leaves er.svg unchecked, saying so. Output is byte-identical across runs.`,
  options: {
    check: { type: 'boolean', description: 'compare with the committed files instead of writing them; exit 1 when stale' },
    'no-svg': { type: 'boolean', description: 'do not render er.svg (and do not check it)' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    if (ctx.positionals.length) throw usageError(`unexpected argument: ${ctx.positionals[0]}`);
    const config = await loadConfig(ctx.cwd);
    const server = await resolveServer({ databaseUrl: ctx.options['database-url'] as string | undefined, cwd: ctx.cwd, onStep: stepReporter(ctx) });
    const outDir = path.join(config.paths.docs, DOCS_SUBDIR);
    const shownDir = path.relative(ctx.cwd, outDir) || '.';
    const g = await step(ctx, 'generate docs', () =>
      generateDocs({
        root: config.root,
        server,
        migrationsDir: config.paths.migrations,
        schemaDir: config.paths.schema,
        outDir,
        svg: ctx.options['no-svg'] ? false : undefined,
      }),
    );
    const summary = { dir: shownDir, files: [...g.files.keys()], svg: g.svgSkipped ? { rendered: false, reason: g.svgSkipped } : { rendered: true } };
    if (ctx.options.check) {
      const stale = await staleDocs(g, ctx.cwd);
      if (ctx.json) ctx.out(JSON.stringify({ ...summary, stale }, null, 2) + '\n');
      else {
        for (const d of stale) ctx.err(formatDiagnostic(d) + '\n');
        if (g.svgSkipped) ctx.err(`note: er.svg not checked: ${g.svgSkipped}\n`);
        if (!stale.length) ctx.out(`${g.files.size} files in ${shownDir}/ are up to date\n`);
      }
      return stale.length ? 1 : 0;
    }
    const { written, removed } = await writeDocs(g);
    if (ctx.json) ctx.out(JSON.stringify({ ...summary, written, removed }, null, 2) + '\n');
    else {
      for (const f of written) ctx.out(`wrote ${shownDir}/${f}\n`);
      for (const f of removed) ctx.out(`removed ${shownDir}/${f}\n`);
      if (g.svgSkipped) ctx.err(`note: er.svg not rendered: ${g.svgSkipped}\n`);
      ctx.out(`${g.files.size} files in ${shownDir}/ (${g.model.tables.length} tables); ${written.length} written, ${removed.length} removed\n`);
    }
    return 0;
  },
};
