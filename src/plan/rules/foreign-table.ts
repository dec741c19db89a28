/**
 * Foreign tables and user mappings. A foreign table holds no data here, so what
 * cannot change in place (its server, its partition bound, parents it cannot take or leave exactly) is drop and create.
 * User mappings' secret options are written as placeholders (src/core/secrets.ts).
 */
import type { ColumnObject, ForeignTableObject, UserMappingObject } from '../../core/model/index.js';
import { placeholder, secretName, SECRET_VALUE } from '../../core/secrets.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { columnDefinition } from './column.js';
import { alterOptions, createOptions } from './foreign.js';
import { commentOn, createComment } from './sql.js';
import { columnSettings } from './table-options.js';

const split = (o: string): [string, string] => {
  const i = o.indexOf('=');
  return i < 0 ? [o, ''] : [o.slice(0, i), o.slice(i + 1)];
};

/** A column as CREATE FOREIGN TABLE and ADD COLUMN write it: OPTIONS go right after the type. */
export function foreignColumnDefinition(c: ColumnObject): string {
  const head = `${c.qname} ${c.type}`;
  return head + createOptions(c.options ?? []) + columnDefinition(c).slice(head.length);
}

const isForeign = (ix: RuleContext['to'], id: string | null) => (id ? ix.get(id)?.kind === 'foreign_table' : false);

export const foreignTableRules: KindRules<ForeignTableObject> = {
  kind: 'foreign_table',
  order: 10.4,
  createsChildren: ['column'],
  create(t, ctx) {
    const cols = ctx.to
      .children(t.id)
      .filter((c): c is ColumnObject => c.kind === 'column')
      .sort((x, y) => x.position - y.position);
    const body = cols.length ? ` (\n${cols.map((c) => '    ' + foreignColumnDefinition(c)).join(',\n')}\n)` : '';
    let sql: string;
    if (t.partitionOf) sql = `CREATE FOREIGN TABLE ${t.qname} PARTITION OF ${t.partitionOf.parent}${body} ${t.partitionOf.bound}`;
    else sql = `CREATE FOREIGN TABLE ${t.qname}${body || ' ()'}${t.inherits.length ? ` INHERITS (${t.inherits.join(', ')})` : ''}`;
    sql += ` SERVER ${t.server}${createOptions(t.options)}`;
    const out: Statement[] = [{ sql, lock: t.partitionOf ? 'ACCESS EXCLUSIVE' : 'none' }];
    for (const c of cols) out.push(...columnSettings(c));
    out.push(...createComment(`FOREIGN TABLE ${t.qname}`, t.comment));
    for (const c of cols) out.push(...createComment(`COLUMN ${t.qname}.${c.qname}`, c.comment));
    return out;
  },
  // The rows live on the server: nothing is lost here. A partition's drop locks its parent.
  drop: (t) => [{ sql: `DROP FOREIGN TABLE ${t.qname}`, lock: 'ACCESS EXCLUSIVE', ...(t.partitionOf ? { hazards: ['blocking-lock' as const] } : {}) }],
  alter(a, b, ctx) {
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    if (a.server !== b.server || !same(a.partitionOf, b.partitionOf)) return null;
    const out: Statement[] = [];
    if (!same(a.inherits, b.inherits)) {
      const inherit = inheritanceChanges(a, b, ctx);
      if (!inherit) return null;
      out.push(...inherit);
    }
    const opts = alterOptions(a.options, b.options);
    if (opts) out.push({ sql: `ALTER FOREIGN TABLE ${b.qname}${opts}` });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`FOREIGN TABLE ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

const columnsOf = (ix: RuleContext['to'], id: string): ColumnObject[] => ix.children(id).filter((c): c is ColumnObject => c.kind === 'column');

/**
 * INHERIT / NO INHERIT in place, where the result is exactly the desired table; null (drop and create:
 * no rows live here) otherwise. A column the parent gave and the table did not declare itself becomes the
 * table's own on NO INHERIT: dropped after it unless the desired table declares it (then it is recreated).
 * INHERIT needs every parent column declared by the table (an inherited-only column cannot be made so in
 * place), and a parent without CHECK constraints or parents of its own (which INHERIT would also demand).
 */
function inheritanceChanges(a: ForeignTableObject, b: ForeignTableObject, ctx: RuleContext): Statement[] | null {
  const parentIn = (ix: RuleContext['to'], qname: string) => ix.ofKind('table').find((t) => t.qname === qname);
  const plain = (ix: RuleContext['to'], qname: string) => {
    const p = parentIn(ix, qname);
    return p && !p.inherits.length && !ix.children(p.id).some((c) => c.kind === 'constraint' && c.type === 'check') ? p : undefined;
  };
  const had = new Set(columnsOf(ctx.from, a.id).map((c) => c.name));
  const wants = new Set(columnsOf(ctx.to, b.id).map((c) => c.name));
  const out: Statement[] = [];
  for (const qname of a.inherits.filter((p) => !b.inherits.includes(p))) {
    const p = plain(ctx.from, qname);
    if (!p) return null;
    const given = columnsOf(ctx.from, p.id).filter((c) => !had.has(c.name));
    if (given.some((c) => wants.has(c.name))) return null;
    out.push({ sql: `ALTER FOREIGN TABLE ${b.qname} NO INHERIT ${qname}`, lock: 'ACCESS EXCLUSIVE' });
    for (const c of given) out.push({ sql: `ALTER FOREIGN TABLE ${b.qname} DROP COLUMN ${c.qname}`, note: `column ${c.qname} came from ${qname} and is not the table's own` });
  }
  for (const qname of b.inherits.filter((p) => !a.inherits.includes(p))) {
    const p = plain(ctx.to, qname);
    if (!p || columnsOf(ctx.to, p.id).some((c) => !wants.has(c.name))) return null;
    out.push({ sql: `ALTER FOREIGN TABLE ${b.qname} INHERIT ${qname}`, lock: 'ACCESS EXCLUSIVE' });
  }
  // A changed order of the same parents cannot be set in place.
  return same(b.inherits, [...a.inherits.filter((p) => b.inherits.includes(p)), ...b.inherits.filter((p) => !a.inherits.includes(p))]) ? out : null;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/** Column options of foreign tables on top of the column rules: inline when created, ALTER ... OPTIONS when changed. */
export function withForeignColumns(rules: KindRules<ColumnObject>): KindRules<ColumnObject> {
  return {
    ...rules,
    create(c, ctx) {
      const out = rules.create(c, ctx);
      if (!c.options?.length || !isForeign(ctx.to, c.parent)) return out;
      const head = `ALTER TABLE ${c.table} ADD COLUMN ${columnDefinition(c)}`;
      return out.map((s) => (s.sql === head ? { ...s, sql: `ALTER FOREIGN TABLE ${c.table} ADD COLUMN ${foreignColumnDefinition(c)}` } : s));
    },
    // The column's values live on the server: dropping it here loses nothing.
    drop: (c, ctx) =>
      isForeign(ctx.from, c.parent) ? [{ sql: `ALTER FOREIGN TABLE ${c.table} DROP COLUMN ${c.qname}`, hazards: ['blocking-lock'] }] : rules.drop(c, ctx),
    alter(a, b, ctx) {
      const out = rules.alter(a, b, ctx);
      if (out === null || !isForeign(ctx.to, b.parent)) return out;
      // A foreign table's type change only relabels the column: no USING (refused), no rewrite, nothing to lose.
      const typeAt = `ALTER TABLE ${b.table} ALTER COLUMN ${b.qname} TYPE ${b.type}`;
      const relabelled = out.map((s) => {
        if (!s.sql.startsWith(typeAt)) return s;
        const using = s.sql.indexOf(' USING ', typeAt.length);
        return { ...s, sql: using < 0 ? s.sql : s.sql.slice(0, using), hazards: ['blocking-lock' as const] };
      });
      const opts = alterOptions(a.options ?? [], b.options ?? []);
      return opts ? [...relabelled, { sql: `ALTER FOREIGN TABLE ${b.table} ALTER COLUMN ${b.qname}${opts}` }] : relabelled;
    },
  };
}

/** ` OPTIONS (...)` with each secret value written as its placeholder. */
function mappingOptions(m: UserMappingObject, options: string[]): string[] {
  return options.map((o) => {
    const [k, v] = split(o);
    return v === SECRET_VALUE ? `${k}=${placeholder(secretName(m.serverName, m.userName, k))}` : o;
  });
}

function secretNote(m: UserMappingObject, keys: string[]): string | undefined {
  if (!keys.length) return undefined;
  const names = keys.map((k) => secretName(m.serverName, m.userName, k));
  return `secret(s) supplied at apply time: ${names.join(', ')} (environment variable or strata migrate --secret NAME=value)`;
}

const secretKeys = (options: string[]) => options.filter((o) => split(o)[1] === SECRET_VALUE).map((o) => split(o)[0]);

/** Catalog-only DDL: no table locks. Secret values are never compared, so only adding or dropping one is a change. */
export const userMappingRules: KindRules<UserMappingObject> = {
  kind: 'user_mapping',
  order: 10.35,
  create: (m) => [
    {
      sql: `CREATE USER MAPPING FOR ${m.user} SERVER ${m.server}${createOptions(mappingOptions(m, m.options))}`,
      lock: 'none',
      note: secretNote(m, secretKeys(m.options)),
    },
  ],
  drop: (m) => [{ sql: `DROP USER MAPPING FOR ${m.user} SERVER ${m.server}`, lock: 'none' }],
  alter(a, b) {
    const opts = alterOptions(mappingOptions(a, a.options), mappingOptions(b, b.options));
    if (!opts) return [];
    const added = secretKeys(b.options).filter((k) => !secretKeys(a.options).includes(k));
    return [{ sql: `ALTER USER MAPPING FOR ${b.user} SERVER ${b.server}${opts}`, lock: 'none', note: secretNote(b, added) }];
  },
};
