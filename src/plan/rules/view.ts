import type { MaterializedViewObject, ViewColumn, ViewObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment, literal } from './sql.js';

/** `WITH (a=b, ...)` from reloptions; values that are not plain words are quoted. */
export function withOptions(options: readonly string[]): string {
  if (!options.length) return '';
  const parts = options.map((o) => {
    const eq = o.indexOf('=');
    const key = o.slice(0, eq);
    const value = o.slice(eq + 1);
    return `${key}=${/^[A-Za-z0-9_.-]+$/.test(value) ? value : literal(value)}`;
  });
  return ` WITH (${parts.join(', ')})`;
}

const optionKey = (o: string) => o.slice(0, o.indexOf('='));

function columnComments(qname: string, columns: readonly ViewColumn[], before?: readonly ViewColumn[]): Statement[] {
  const out: Statement[] = [];
  for (const c of columns) {
    const old = before?.find((x) => x.name === c.name);
    if ((old?.comment ?? null) === c.comment) continue;
    out.push({ sql: commentOn(`COLUMN ${qname}.${c.qname}`, c.comment), lock: 'none' });
  }
  return out;
}

/**
 * CREATE OR REPLACE VIEW keeps the existing columns: the new query must produce
 * them first, with the same names and types, and may only add columns after them.
 */
function replaceable(a: readonly ViewColumn[], b: readonly ViewColumn[]): boolean {
  return a.length <= b.length && a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type);
}

export const viewRules: KindRules<ViewObject> = {
  kind: 'view',
  order: 8,
  recreateOnDependencyChange: true,
  create: (v) => [
    { sql: `CREATE VIEW ${v.qname}${withOptions(v.options)} AS\n${v.definition}`, lock: 'none' },
    ...createComment(`VIEW ${v.qname}`, v.comment),
    ...columnComments(v.qname, v.columns),
  ],
  drop: (v) => [{ sql: `DROP VIEW ${v.qname}`, lock: 'ACCESS EXCLUSIVE' }],
  alter(a, b) {
    const out: Statement[] = [];
    const colsChanged = JSON.stringify(a.columns.map((c) => [c.name, c.type])) !== JSON.stringify(b.columns.map((c) => [c.name, c.type]));
    if (a.definition !== b.definition || colsChanged || a.options.join() !== b.options.join()) {
      if (!replaceable(a.columns, b.columns)) return null;
      // OR REPLACE also replaces the options, check_option included, with the ones given.
      out.push({ sql: `CREATE OR REPLACE VIEW ${b.qname}${withOptions(b.options)} AS\n${b.definition}`, lock: 'ACCESS EXCLUSIVE' });
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(`VIEW ${b.qname}`, b.comment), lock: 'none' });
    out.push(...columnComments(b.qname, b.columns, a.columns));
    return out;
  },
};

export const materializedViewRules: KindRules<MaterializedViewObject> = {
  kind: 'materialized_view',
  order: 8.5,
  recreateOnDependencyChange: true,
  create: (v) => [
    {
      sql: `CREATE MATERIALIZED VIEW ${v.qname}${withOptions(v.options)} AS\n${v.definition}\nWITH ${v.populated ? '' : 'NO '}DATA`,
      lock: 'none',
    },
    ...createComment(`MATERIALIZED VIEW ${v.qname}`, v.comment),
    ...columnComments(v.qname, v.columns),
  ],
  drop: (v) => [{ sql: `DROP MATERIALIZED VIEW ${v.qname}`, lock: 'ACCESS EXCLUSIVE' }],
  alter(a, b) {
    const colsChanged = JSON.stringify(a.columns.map((c) => [c.name, c.type])) !== JSON.stringify(b.columns.map((c) => [c.name, c.type]));
    if (a.definition !== b.definition || colsChanged) return null;
    const out: Statement[] = [];
    const t = `ALTER MATERIALIZED VIEW ${b.qname}`;
    const reset = a.options.filter((o) => !b.options.some((p) => optionKey(p) === optionKey(o))).map(optionKey);
    if (reset.length) out.push({ sql: `${t} RESET (${reset.join(', ')})` });
    const set = b.options.filter((o) => !a.options.includes(o));
    if (set.length) out.push({ sql: `${t} SET${withOptions(set).slice(' WITH'.length)}` });
    if (a.populated !== b.populated) {
      out.push({ sql: `REFRESH MATERIALIZED VIEW ${b.qname} WITH ${b.populated ? '' : 'NO '}DATA`, hazards: ['blocking-lock'] });
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(`MATERIALIZED VIEW ${b.qname}`, b.comment), lock: 'none' });
    out.push(...columnComments(b.qname, b.columns, a.columns));
    return out;
  },
};
