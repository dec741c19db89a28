import type { ForeignDataWrapperObject, ForeignServerObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { placeholder, secretName, SECRET_VALUE } from '../../core/secrets.js';
import { commentOn, createComment, literal, quoteIdent } from './sql.js';

function split(option: string): [string, string] {
  const i = option.indexOf('=');
  return i < 0 ? [option, ''] : [option.slice(0, i), option.slice(i + 1)];
}

/** ` OPTIONS (k 'v', ...)` for CREATE, '' when none. */
export function createOptions(options: string[]): string {
  return options.length ? ` OPTIONS (${options.map((o) => `${quoteIdent(split(o)[0])} ${literal(split(o)[1])}`).join(', ')})` : '';
}

/** ` OPTIONS (ADD k 'v', SET k 'v', DROP k)` turning `a` into `b`, '' when equal. */
export function alterOptions(a: string[], b: string[]): string {
  const before = new Map(a.map(split));
  const after = new Map(b.map(split));
  const parts: string[] = [];
  for (const [k] of before) if (!after.has(k)) parts.push(`DROP ${quoteIdent(k)}`);
  for (const [k, v] of after) {
    if (!before.has(k)) parts.push(`ADD ${quoteIdent(k)} ${literal(v)}`);
    else if (before.get(k) !== v) parts.push(`SET ${quoteIdent(k)} ${literal(v)}`);
  }
  return parts.length ? ` OPTIONS (${parts.join(', ')})` : '';
}

const fn = (clause: string, f: string | null) => (f ? ` ${clause} ${f}` : ` NO ${clause}`);

/** Catalog-only DDL: no table locks. */
export const foreignDataWrapperRules: KindRules<ForeignDataWrapperObject> = {
  kind: 'foreign_data_wrapper',
  order: 10.2,
  create: (w) => [
    {
      sql: `CREATE FOREIGN DATA WRAPPER ${w.qname}${w.handler ? ` HANDLER ${w.handler}` : ''}${w.validator ? ` VALIDATOR ${w.validator}` : ''}${createOptions(w.options)}`,
      lock: 'none',
    },
    ...createComment(`FOREIGN DATA WRAPPER ${w.qname}`, w.comment),
  ],
  drop: (w) => [{ sql: `DROP FOREIGN DATA WRAPPER ${w.qname}`, lock: 'none' }],
  alter(a, b) {
    let clauses = '';
    if (a.handler !== b.handler) clauses += fn('HANDLER', b.handler);
    if (a.validator !== b.validator) clauses += fn('VALIDATOR', b.validator);
    clauses += alterOptions(a.options, b.options);
    const out: Statement[] = [];
    if (clauses) out.push({ sql: `ALTER FOREIGN DATA WRAPPER ${b.qname}${clauses}`, lock: 'none' });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`FOREIGN DATA WRAPPER ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

/** A server's options with each secret value as its placeholder, `${STRATA_SECRET_<SERVER>_<OPTION>}`. */
function serverOptions(s: ForeignServerObject): string[] {
  return s.options.map((o) => {
    const [k, v] = split(o);
    return v === SECRET_VALUE ? `${k}=${placeholder(secretName(s.name, k))}` : o;
  });
}

function secretNote(s: ForeignServerObject, options: string[]): string | undefined {
  const names = options.filter((o) => split(o)[1] === SECRET_VALUE).map((o) => secretName(s.name, split(o)[0]));
  return names.length ? `secret(s) supplied at apply time: ${names.join(', ')} (environment variable or strata migrate --secret NAME=value)` : undefined;
}

export const foreignServerRules: KindRules<ForeignServerObject> = {
  kind: 'foreign_server',
  order: 10.3,
  create: (s) => [
    {
      sql: `CREATE SERVER ${s.qname}${s.type !== null ? ` TYPE ${literal(s.type)}` : ''}${s.version !== null ? ` VERSION ${literal(s.version)}` : ''} FOREIGN DATA WRAPPER ${s.wrapper}${createOptions(serverOptions(s))}`,
      lock: 'none',
      note: secretNote(s, s.options),
    },
    ...createComment(`SERVER ${s.qname}`, s.comment),
  ],
  drop: (s) => [{ sql: `DROP SERVER ${s.qname}`, lock: 'none' }],
  alter(a, b) {
    // The wrapper and the type cannot change in place; a version can be set but not taken away.
    if (a.wrapper !== b.wrapper || a.type !== b.type || (a.version !== null && b.version === null)) return null;
    let clauses = '';
    if (a.version !== b.version) clauses += ` VERSION ${literal(b.version!)}`;
    clauses += alterOptions(serverOptions(a), serverOptions(b));
    const out: Statement[] = [];
    const added = b.options.filter((o) => !a.options.some((x) => split(x)[0] === split(o)[0]));
    if (clauses) out.push({ sql: `ALTER SERVER ${b.qname}${clauses}`, lock: 'none', note: secretNote(b, added) });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`SERVER ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};
