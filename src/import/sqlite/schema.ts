/**
 * SQLite schema → a desired-state PostgreSQL schema folder. Columns get types
 * from `decideColumn`; every other clause (default, UNIQUE, CHECK, index, foreign
 * key, view) is tried on a scratch database holding the bare tables, built by the
 * one state builder, and carried over when PostgreSQL accepts it, or written
 * commented out with PostgreSQL's reason and listed for review when it does not.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { StrataError } from '../../core/diagnostic.js';
import { idPart } from '../../core/ids.js';
import type { ServerTarget } from '../../cluster/index.js';
import { buildSnapshot, withState } from '../../state/index.js';
import type { SqliteSchema, SqliteTable } from './read.js';
import { decideColumn, type ColumnDecision } from './types.js';

export interface Review {
  table: string;
  column?: string;
  message: string;
}

export interface ImportedSchema {
  files: { name: string; content: string }[];
  reviews: Review[];
  /** Column types chosen, per table, for the data load and the report. */
  columns: Record<string, Record<string, ColumnDecision>>;
}

interface Clause {
  table: string;
  column?: string;
  /** What the clause is, for comments: `DEFAULT 0`, `CHECK (...)`, `index x`. */
  label: string;
  sql: string;
  /** Where it goes: inside CREATE TABLE (a column default or table constraint), or a statement after the tables. */
  place: 'default' | 'constraint' | 'statement' | 'fk' | 'view';
  why?: string;
  error?: string;
}

const FK_ACTION: Record<string, string> = { 'NO ACTION': 'NO ACTION', CASCADE: 'CASCADE', 'SET NULL': 'SET NULL', 'SET DEFAULT': 'SET DEFAULT', RESTRICT: 'RESTRICT' };

/** Tables ordered so that a referenced table comes before the tables referencing it (cycles keep input order). */
export function dependencyOrder(tables: SqliteTable[]): SqliteTable[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: SqliteTable[] = [];
  const visit = (t: SqliteTable) => {
    const k = t.name.toLowerCase();
    if (done.has(k) || visiting.has(k)) return;
    visiting.add(k);
    for (const fk of t.foreignKeys) {
      const parent = byName.get(fk.table.toLowerCase());
      if (parent && parent !== t) visit(parent);
    }
    visiting.delete(k);
    done.add(k);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

function translateDefault(expr: string, d: ColumnDecision): { sql: string; why?: string } {
  const e = expr.trim();
  if (d.type === 'boolean') {
    const v = e.replace(/^'(.*)'$/, '$1').toUpperCase();
    if (['0', 'FALSE'].includes(v)) return { sql: 'false', why: `SQLite default ${e} on a boolean: false` };
    if (['1', 'TRUE'].includes(v)) return { sql: 'true', why: `SQLite default ${e} on a boolean: true` };
  }
  return { sql: e };
}

async function quoteAll(url: string, names: string[]): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string; q: string }>('SELECT n, quote_ident(n) AS q FROM unnest($1::text[]) n', [[...new Set(names)]]);
    return new Map(r.rows.map((x) => [x.n, x.q]));
  } finally {
    await client.end();
  }
}

export async function importSchema(schema: SqliteSchema, server: ServerTarget): Promise<ImportedSchema> {
  const tables = dependencyOrder(schema.tables);
  const reviews: Review[] = [];
  const columns: ImportedSchema['columns'] = {};
  for (const t of tables) {
    columns[t.name] = {};
    for (const c of t.columns) {
      const d = decideColumn(t, c);
      columns[t.name]![c.name] = d;
      for (const m of d.review) reviews.push({ table: t.name, column: c.name, message: m });
    }
  }
  const names = [...tables.flatMap((t) => [t.name, ...t.columns.map((c) => c.name), ...t.indexes.map((i) => i.name)]), ...schema.views.map((v) => v.name)];
  const q = await quoteAll(server.adminUrl, [...names, ...tables.map((t) => `${t.name}_pkey`)]);
  const qn = (n: string) => q.get(n) ?? idPart(n);

  const bare = tables.map((t) => bareTable(t, columns[t.name]!, qn)).join('\n');
  const clauses = tables.flatMap((t) => tableClauses(t, columns[t.name]!, qn, reviews));
  for (const v of schema.views) clauses.push({ table: v.name, label: `view ${v.name}`, sql: `CREATE VIEW ${qn(v.name)} AS\n${v.select}`, place: 'view' });

  const work = await mkdtemp(path.join(tmpdir(), 'strata-import-'));
  try {
    await writeFile(path.join(work, 'tables.sql'), bare);
    await withState({ kind: 'schemaDir', dir: work }, server, (state) => probe(state.url, clauses), { label: 'import' });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  for (const c of clauses) {
    if (c.error) reviews.push({ table: c.table, ...(c.column ? { column: c.column } : {}), message: `${c.label} not carried over: ${c.error}` });
  }
  for (const t of schema.triggers) reviews.push({ table: t.table, message: `trigger ${t.name} not translated (SQLite trigger bodies are not PostgreSQL): rewrite it as a PL/pgSQL trigger` });
  for (const t of tables) {
    if (!t.columns.some((c) => c.pk > 0)) reviews.push({ table: t.name, message: `no primary key (SQLite used its hidden rowid): choose a key; rows are loaded as they are` });
  }
  return { files: renderFiles(tables, columns, clauses, reviews, qn), reviews, columns };
}

function bareTable(t: SqliteTable, cols: Record<string, ColumnDecision>, qn: (n: string) => string): string {
  const lines = t.columns.map((c) => {
    const d = cols[c.name]!;
    return `  ${qn(c.name)} ${d.type}${d.identity ? ' GENERATED BY DEFAULT AS IDENTITY' : ''}${c.notNull || d.identity ? ' NOT NULL' : ''}`;
  });
  const pk = t.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  if (pk.length) lines.push(`  PRIMARY KEY (${pk.map((c) => qn(c.name)).join(', ')})`);
  return `CREATE TABLE ${qn(t.name)} (\n${lines.join(',\n')}\n);\n`;
}

function constraintName(table: string, cols: string[], suffix: string): string {
  return `${table}_${cols.join('_')}_${suffix}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63);
}

function tableClauses(t: SqliteTable, cols: Record<string, ColumnDecision>, qn: (n: string) => string, reviews: Review[]): Clause[] {
  const out: Clause[] = [];
  const T = qn(t.name);
  for (const c of t.columns) {
    if (c.default === undefined || cols[c.name]!.identity) continue;
    const d = translateDefault(c.default, cols[c.name]!);
    out.push({ table: t.name, column: c.name, label: `DEFAULT ${c.default}`, sql: `ALTER TABLE ${T} ALTER COLUMN ${qn(c.name)} SET DEFAULT ${d.sql}`, place: 'default', why: d.why });
  }
  for (const ix of t.indexes) {
    if (ix.origin === 'pk') continue;
    const plain = ix.columns.length > 0 && ix.columns.every((c) => c !== '') && !ix.partial;
    if (ix.origin === 'u' && plain) {
      const name = constraintName(t.name, ix.columns, 'key');
      out.push({ table: t.name, label: `UNIQUE (${ix.columns.join(', ')})`, sql: `ALTER TABLE ${T} ADD CONSTRAINT ${qn(name)} UNIQUE (${ix.columns.map(qn).join(', ')})`, place: 'constraint' });
    } else if (plain) {
      out.push({ table: t.name, label: `index ${ix.name}`, sql: `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${qn(ix.name)} ON ${T} (${ix.columns.map(qn).join(', ')})`, place: 'statement' });
    } else if (ix.sql) {
      // Expression or partial index: SQLite's own text, which PostgreSQL accepts when the expressions are portable.
      out.push({ table: t.name, label: `index ${ix.name}`, sql: ix.sql.replace(/\bIF\s+NOT\s+EXISTS\b/i, ''), place: 'statement', why: 'expression or partial index: SQLite text as written' });
    }
  }
  t.checks.forEach((ck, i) => {
    const name = ck.name ?? constraintName(t.name, [ck.column ?? String(i + 1)], 'check');
    out.push({ table: t.name, ...(ck.column ? { column: ck.column } : {}), label: `CHECK (${ck.expression})`, sql: `ALTER TABLE ${T} ADD CONSTRAINT ${qn(name)} CHECK (${ck.expression})`, place: 'constraint' });
  });
  for (const fk of t.foreignKeys) {
    const ref = fk.refColumns.length ? ` (${fk.refColumns.map(qn).join(', ')})` : '';
    const name = constraintName(t.name, fk.columns, 'fkey');
    const actions = `${fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${FK_ACTION[fk.onDelete] ?? 'NO ACTION'}` : ''}${fk.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${FK_ACTION[fk.onUpdate] ?? 'NO ACTION'}` : ''}`;
    out.push({
      table: t.name,
      label: `FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${fk.table}${fk.refColumns.length ? `(${fk.refColumns.join(', ')})` : ''}`,
      sql: `ALTER TABLE ${T} ADD CONSTRAINT ${qn(name)} FOREIGN KEY (${fk.columns.map(qn).join(', ')}) REFERENCES ${qn(fk.table)}${ref}${actions}`,
      place: 'fk',
    });
    const indexed = t.indexes.some((ix) => fk.columns.every((c, i) => ix.columns[i]?.toLowerCase() === c.toLowerCase())) || t.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name.toLowerCase()).slice(0, fk.columns.length).join() === fk.columns.map((c) => c.toLowerCase()).join();
    if (!indexed) reviews.push({ table: t.name, message: `foreign key (${fk.columns.join(', ')}) has no index: deletes on ${fk.table} scan ${t.name}; add one in PostgreSQL` });
  }
  return out;
}

/**
 * Each clause inside a savepoint, kept when PostgreSQL accepts it, so later clauses see earlier
 * ones (a foreign key needs the UNIQUE it references; a view, the views it reads). Views that fail
 * are retried while others still succeed, which settles their order.
 */
async function probe(url: string, clauses: Clause[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const order: Clause['place'][] = ['default', 'constraint', 'statement', 'fk'];
  try {
    await client.query('BEGIN');
    const attempt = async (c: Clause) => {
      await client.query('SAVEPOINT probe');
      try {
        await client.query(c.sql);
        await client.query('RELEASE SAVEPOINT probe');
        c.error = undefined;
        return true;
      } catch (e) {
        await client.query('ROLLBACK TO SAVEPOINT probe');
        c.error = (e as Error).message;
        return false;
      }
    };
    for (const place of order) for (const c of clauses.filter((x) => x.place === place)) await attempt(c);
    let pending = clauses.filter((c) => c.place === 'view');
    for (let progress = true; progress && pending.length; ) {
      progress = false;
      const still: Clause[] = [];
      for (const v of pending) {
        if (await attempt(v)) progress = true;
        else still.push(v);
      }
      pending = still;
    }
    await client.query('ROLLBACK');
  } finally {
    await client.end();
  }
}

const comment = (text: string, indent = '') => text.split('\n').map((l) => `${indent}-- ${l}`).join('\n');

function renderFiles(
  tables: SqliteTable[],
  cols: Record<string, Record<string, ColumnDecision>>,
  clauses: Clause[],
  reviews: Review[],
  qn: (n: string) => string,
): { name: string; content: string }[] {
  const header = [
    '-- Imported from SQLite by `strata import sqlite`. Types were chosen from the declared types, SQLite\'s',
    '-- affinity rules and the data; the reason for each is written next to it. Clauses PostgreSQL refused are',
    '-- kept here commented out, with its reason.',
  ];
  if (reviews.length) {
    header.push('--', '-- Needs a human decision:');
    for (const r of reviews) header.push(comment(`${r.table}${r.column ? '.' + r.column : ''}: ${r.message}`).replace(/^-- /, '--   '));
  }
  const parts: string[] = [header.join('\n'), ''];
  for (const t of tables) {
    parts.push(`-- ${t.name}: ${t.rowCount.toLocaleString('en-US')} rows in SQLite${t.withoutRowid ? ' (WITHOUT ROWID)' : ''}`);
    const lines: string[] = [];
    for (const c of t.columns) {
      const d = cols[t.name]![c.name]!;
      const def = clauses.find((x) => x.table === t.name && x.column === c.name && x.place === 'default');
      const why = [...d.why, ...(def?.why ? [def.why] : [])];
      for (const w of why) lines.push(comment(w, '  '));
      if (def?.error) lines.push(comment(`DEFAULT ${c.default} not carried over: ${def.error}`, '  '));
      const defaultSql = def && !def.error ? ` DEFAULT ${def.sql.replace(/^.* SET DEFAULT /s, '')}` : '';
      lines.push(`  ${qn(c.name)} ${d.type}${d.identity ? ' GENERATED BY DEFAULT AS IDENTITY' : ''}${c.notNull || d.identity ? ' NOT NULL' : ''}${defaultSql},`);
    }
    const pk = t.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const body: string[] = [];
    if (pk.length) body.push(`  PRIMARY KEY (${pk.map((c) => qn(c.name)).join(', ')})`);
    for (const c of clauses.filter((x) => x.table === t.name && x.place === 'constraint')) {
      const def = c.sql.replace(/^ALTER TABLE .*? ADD /s, '');
      if (c.error) lines.push(comment(`${c.label} not carried over: ${c.error}`, '  '), comment(def, '  '));
      else body.push(`  ${def}`);
    }
    const all = [...lines, ...body.map((b, i) => (i < body.length - 1 ? b + ',' : b))];
    // The last real definition must not end in a comma.
    for (let i = all.length - 1; i >= 0; i--) {
      if (!all[i]!.trimStart().startsWith('--')) {
        all[i] = all[i]!.replace(/,$/, '');
        break;
      }
    }
    parts.push(`CREATE TABLE ${qn(t.name)} (\n${all.join('\n')}\n);`);
    for (const c of clauses.filter((x) => x.table === t.name && x.place === 'statement')) {
      if (c.why) parts.push(comment(c.why));
      parts.push(c.error ? `${comment(`${c.label} not carried over: ${c.error}`)}\n${comment(c.sql + ';')}` : `${c.sql};`);
    }
    parts.push('');
  }
  const fks = clauses.filter((c) => c.place === 'fk');
  const views = clauses.filter((c) => c.place === 'view');
  const files = [{ name: '10_tables.sql', content: parts.join('\n') }];
  if (fks.length) {
    files.push({
      name: '20_foreign_keys.sql',
      content: ['-- Foreign keys of the imported SQLite tables (SQLite enforced them only with PRAGMA foreign_keys=ON).', ...fks.map((c) => (c.error ? `${comment(`${c.label} not carried over: ${c.error}`)}\n${comment(c.sql + ';')}` : `${c.sql};`)), ''].join('\n'),
    });
  }
  if (views.length) {
    files.push({
      name: '30_views.sql',
      content: ['-- Views of the SQLite database, as written there; the ones PostgreSQL refused are commented out with its reason.', ...views.map((c) => (c.error ? `${comment(`${c.label} not carried over: ${c.error}`)}\n${comment(c.sql + ';')}` : `${c.sql};`)), ''].join('\n'),
    });
  }
  return files;
}

/** Write the files into `dir`, refusing when it already holds SQL files; then prove the folder builds. */
export async function writeImportedSchema(dir: string, files: { name: string; content: string }[], server: ServerTarget): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const existing = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  if (existing.length) {
    throw new StrataError({
      code: 'import.exists',
      severity: 'error',
      subject: dir,
      message: `${dir} already holds ${existing.join(', ')}; nothing was written`,
      hint: 'import into an empty folder: --out DIR',
    });
  }
  const written: string[] = [];
  for (const f of files) {
    const p = path.join(dir, f.name);
    await writeFile(p, f.content, { flag: 'wx' });
    written.push(p);
  }
  await buildSnapshot({ kind: 'schemaDir', dir }, server);
  return written;
}
