/**
 * `strata import sqlite <file.db>`: the desired-state schema of a SQLite database
 * into schema/ (or --out), with every guess commented; `--data` copies its rows
 * into a database that already has that schema, verified per table.
 */
import path from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveServer } from '../../cluster/index.js';
import { loadConfig } from '../../config/index.js';
import { resolveMigrationTarget } from '../../runner/target.js';
import { importSchema, loadData, openSqlite, readSchema, writeImportedSchema, type Review } from '../../import/sqlite/index.js';
import { step } from '../progress.js';

function reviewLines(reviews: Review[]): string[] {
  return reviews.map((r) => `  ${r.table}${r.column ? '.' + r.column : ''}: ${r.message}`);
}

/** A progress bar per table on a terminal: `  users  [#####.....]  52,000/100,000`. */
function progressBar(ctx: CommandContext) {
  let last = 0;
  return (table: string, done: number, total: number) => {
    const now = performance.now();
    if (done !== total && now - last < 100) return;
    last = now;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    ctx.err(`\r  ${table.padEnd(24)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${done === total ? '\n' : ''}`);
  };
}

export const importSqlite: Command = {
  path: ['import', 'sqlite'],
  summary: 'Import a SQLite database: its schema into schema/ (--data: its rows into a database)',
  usage: '<file.db> [--out <dir>] | <file.db> --data [--database-url <url>]',
  description: `Without --data: reads the SQLite schema and profiles every column, then writes a
desired-state PostgreSQL schema into schema/ (or --out DIR, which must hold no .sql files):
types from the declared type, SQLite's affinity and the data (0/1 flags to boolean, ISO-8601
text to timestamptz or date where every value parses, INTEGER PRIMARY KEY [AUTOINCREMENT] to
an identity), defaults, UNIQUE, CHECK, indexes, foreign keys and views carried over where
PostgreSQL accepts them (refused ones stay commented out with the reason). Every guess is a
comment; what needs a human decision is printed and written at the top of the file.

With --data: copies the rows into the database \`strata migrate\` works on (--database-url,
$DATABASE_URL, else the dev database of the embedded cluster), whose tables must exist and be
empty (apply the schema first: strata diff initial && strata migrate up).
Every value is checked against its column's type first; a value that does not fit is reported
with table, rowid and column and nothing is loaded. Each table is loaded with COPY in its own
transaction, identity sequences are set past the loaded ids, and the row count and a content
checksum are compared with SQLite before the table commits. Exit 1 when anything failed.`,
  options: {
    out: { type: 'string', valueName: '<dir>', description: 'folder for the schema files (default: the project\'s schema folder)' },
    data: { type: 'boolean', description: 'copy the rows into the migrated database instead of writing the schema' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const file = path.resolve(ctx.invokedFrom ?? ctx.cwd, ctx.positionals[0]!);
    const databaseUrl = (ctx.options['database-url'] as string | undefined) ?? process.env.DATABASE_URL;
    const db = await openSqlite(file);
    try {
      const schema = await step(ctx, 'read SQLite schema and profile columns', async () => readSchema(db));
      if (ctx.options.data) {
        if (ctx.options.out !== undefined) throw usageError('--out is for the schema; --data loads rows');
        const target = await resolveMigrationTarget({ cwd: ctx.cwd, databaseUrl });
        const t0 = performance.now();
        const { loaded } = await loadData(db, schema, target.url, { onProgress: ctx.progress ? progressBar(ctx) : undefined });
        const total = loaded.reduce((n, l) => n + l.rows, 0);
        if (ctx.json) ctx.out(JSON.stringify({ loaded, rows: total, ms: Math.round(performance.now() - t0) }) + '\n');
        else {
          for (const l of loaded) {
            ctx.out(`${l.table}: ${l.rows.toLocaleString('en-US')} rows, checksum ${l.checksum} matches${l.sequencesSet.length ? `, sequence of ${l.sequencesSet.join(', ')} set` : ''} (${(l.ms / 1000).toFixed(2)}s)\n`);
          }
          ctx.out(`loaded ${total.toLocaleString('en-US')} rows in ${loaded.length} tables, every table verified\n`);
        }
        return 0;
      }
      const server = await resolveServer({ cwd: ctx.cwd, databaseUrl });
      const out = ctx.options.out !== undefined ? path.resolve(ctx.invokedFrom ?? ctx.cwd, String(ctx.options.out)) : (await loadConfig(ctx.cwd)).paths.schema;
      const imported = await step(ctx, 'translate and try every clause on PostgreSQL', () => importSchema(schema, server));
      const written = await step(ctx, 'write and build the schema', () => writeImportedSchema(out, imported.files, server));
      if (ctx.json) {
        ctx.out(JSON.stringify({ written: written.map((w) => path.relative(ctx.cwd, w)), columns: imported.columns, reviews: imported.reviews }) + '\n');
        return 0;
      }
      for (const w of written) ctx.out(`wrote ${path.relative(ctx.cwd, w)}\n`);
      ctx.out(`${schema.tables.length} tables, ${schema.views.length} views imported\n`);
      if (imported.reviews.length) ctx.out(`\nneeds a human decision (${imported.reviews.length}):\n${reviewLines(imported.reviews).join('\n')}\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
