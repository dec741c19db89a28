import type { CompositeTypeObject, DomainConstraint, DomainObject, RangeTypeObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { commentOn, createComment, quoteIdent } from './sql.js';

const addConstraint = (d: DomainObject, c: DomainConstraint): Statement => ({
  sql: `ALTER DOMAIN ${d.qname} ADD CONSTRAINT ${c.qname} ${c.definition}${c.validated ? '' : ' NOT VALID'}`,
  hazards: c.validated ? ['validation-scan'] : [],
  lock: 'SHARE',
});

export const domainRules: KindRules<DomainObject> = {
  kind: 'domain',
  order: 2.2,
  create(d) {
    let sql = `CREATE DOMAIN ${d.qname} AS ${d.baseType}`;
    if (d.collation) sql += ` COLLATE ${d.collation}`;
    if (d.default !== null) sql += ` DEFAULT ${d.default}`;
    if (d.notNull) sql += ' NOT NULL';
    // NOT VALID constraints cannot be written inline: they are added after.
    for (const c of d.constraints) if (c.validated) sql += ` CONSTRAINT ${c.qname} ${c.definition}`;
    return [
      { sql, lock: 'none' },
      ...d.constraints.filter((c) => !c.validated).map((c) => addConstraint(d, c)),
      ...createComment(`DOMAIN ${d.qname}`, d.comment),
    ];
  },
  drop: (d) => [{ sql: `DROP DOMAIN ${d.qname}`, lock: 'none' }],
  alter(a, b, ctx) {
    if (a.baseType !== b.baseType || a.collation !== b.collation) return convertDomain(a, b, ctx);
    const out: Statement[] = [];
    const t = `ALTER DOMAIN ${b.qname}`;
    if (a.default !== b.default) out.push({ sql: b.default === null ? `${t} DROP DEFAULT` : `${t} SET DEFAULT ${b.default}`, lock: 'none' });
    if (a.notNull !== b.notNull) {
      out.push(b.notNull ? { sql: `${t} SET NOT NULL`, hazards: ['validation-scan'], lock: 'SHARE' } : { sql: `${t} DROP NOT NULL`, lock: 'none' });
    }
    const before = new Map(a.constraints.map((c) => [c.name, c]));
    const after = new Map(b.constraints.map((c) => [c.name, c]));
    for (const c of a.constraints) {
      const n = after.get(c.name);
      if (!n || n.definition !== c.definition || (c.validated && !n.validated)) out.push({ sql: `${t} DROP CONSTRAINT ${c.qname}`, lock: 'none' });
    }
    for (const c of b.constraints) {
      const o = before.get(c.name);
      if (!o || o.definition !== c.definition || (o.validated && !c.validated)) out.push(addConstraint(b, c));
      else if (!o.validated && c.validated) out.push({ sql: `${t} VALIDATE CONSTRAINT ${c.qname}`, hazards: ['validation-scan'], lock: 'SHARE UPDATE EXCLUSIVE' });
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(`DOMAIN ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

/**
 * A new base type or collation, keeping the data: the old domain is renamed away,
 * the new one created, the columns converted through the new base type, and the
 * old domain dropped; views, functions and policies on it are recreated around it.
 * Only when nothing else uses it (another domain, a composite attribute, a grant
 * beyond the defaults); otherwise the domain is recreated with its dependents.
 */
/** Kinds whose rules say recreateOnDependencyChange: the planner drops them before the conversion and creates them after. */
const RECREATED_AROUND: ReadonlySet<string> = new Set(['view', 'materialized_view', 'function', 'trigger', 'policy']);

function convertDomain(a: DomainObject, b: DomainObject, ctx: RuleContext): Statement[] | null {
  for (const id of ctx.from.dependents(a.id)) {
    const o = ctx.from.get(id);
    if (!o) continue;
    if (o.kind === 'column' && a.notNull === b.notNull) continue;
    if (o.kind === 'owner' || RECREATED_AROUND.has(o.kind)) continue;
    if (o.kind === 'privilege' && o.grantee === 'PUBLIC' && o.privileges.join() === 'USAGE' && !o.grantable.length) continue;
    return null;
  }
  const oldName = `${a.name.slice(0, 50)}__strata_old`;
  const oldQ = `${quoteIdent(a.schema)}.${quoteIdent(oldName)}`;
  const out: Statement[] = [
    { sql: `ALTER DOMAIN ${a.qname} RENAME TO ${quoteIdent(oldName)}`, lock: 'none', invalidatesDependents: true },
    ...domainRules.create(b, ctx),
  ];
  for (const col of ctx.from.ofKind('column')) {
    const isArray = col.type === `${a.qname}[]`;
    if (col.type !== a.qname && !isArray) continue;
    const target = ctx.to.get(col.id);
    if (!target || target.kind !== 'column' || target.type !== col.type) continue;
    const t = `ALTER TABLE ${col.table} ALTER COLUMN ${col.qname}`;
    const arr = isArray ? '[]' : '';
    if (col.default !== null) out.push({ sql: `${t} DROP DEFAULT` });
    out.push({
      sql: `${t} TYPE ${b.qname}${arr} USING ${col.qname}::${b.baseType}${arr}::${b.qname}${arr}`,
      hazards: ['table-rewrite', 'blocking-lock'],
      note: `base type of ${b.qname} changed: values that do not convert or fail its checks make this fail`,
      invalidatesDependents: true,
    });
    if (target.default !== null) out.push({ sql: `${t} SET DEFAULT ${target.default}` });
  }
  out.push({ sql: `DROP DOMAIN ${oldQ}`, lock: 'none' });
  return out;
}


const attributeDef = (x: CompositeTypeObject['attributes'][number]) => `${x.qname} ${x.type}${x.collation ? ` COLLATE ${x.collation}` : ''}`;

export const compositeTypeRules: KindRules<CompositeTypeObject> = {
  kind: 'composite_type',
  order: 2.4,
  create: (o) => [
    { sql: `CREATE TYPE ${o.qname} AS (${o.attributes.map(attributeDef).join(', ')})`, lock: 'none' },
    ...createComment(`TYPE ${o.qname}`, o.comment),
  ],
  drop: (o) => [{ sql: `DROP TYPE ${o.qname}`, lock: 'none' }],
  alter(a, b, ctx) {
    // Attributes keep their order: dropped ones go, added ones are appended. Anything else is a new type.
    const bNames = new Set(b.attributes.map((x) => x.name));
    const aNames = new Set(a.attributes.map((x) => x.name));
    const kept = a.attributes.filter((x) => bNames.has(x.name));
    const added = b.attributes.filter((x) => !aNames.has(x.name));
    const expected = [...kept.map((x) => x.name), ...added.map((x) => x.name)];
    if (expected.join('\u0000') !== b.attributes.map((x) => x.name).join('\u0000')) return null;
    const parts: string[] = [];
    for (const x of a.attributes) if (!bNames.has(x.name)) parts.push(`DROP ATTRIBUTE ${x.qname}`);
    for (const x of kept) {
      const y = b.attributes.find((z) => z.name === x.name)!;
      if (x.type !== y.type || x.collation !== y.collation) {
        // PostgreSQL cannot retype an attribute while a column stores the type.
        if (storedIn(a.qname, ctx)) return null;
        parts.push(`ALTER ATTRIBUTE ${y.qname} TYPE ${y.type}${y.collation ? ` COLLATE ${y.collation}` : x.collation ? ' COLLATE pg_catalog."default"' : ''}`);
      }
    }
    for (const y of added) parts.push(`ADD ATTRIBUTE ${attributeDef(y)}`);
    const out: Statement[] = [];
    if (parts.length) out.push({ sql: `ALTER TYPE ${b.qname} ${parts.join(', ')}`, lock: 'none' });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`TYPE ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

function storedIn(qname: string, ctx: RuleContext): boolean {
  const uses = (t: string) => t === qname || t === `${qname}[]`;
  return (
    ctx.from.ofKind('column').some((c) => uses(c.type)) ||
    ctx.from.ofKind('composite_type').some((c) => c.qname !== qname && c.attributes.some((x) => uses(x.type)))
  );
}

export const rangeTypeRules: KindRules<RangeTypeObject> = {
  kind: 'range_type',
  order: 2.3,
  create(o) {
    const opts = [`SUBTYPE = ${o.subtype}`];
    if (o.opclass) opts.push(`SUBTYPE_OPCLASS = ${o.opclass}`);
    if (o.collation) opts.push(`COLLATION = ${o.collation}`);
    if (o.canonical) opts.push(`CANONICAL = ${o.canonical}`);
    if (o.subtypeDiff) opts.push(`SUBTYPE_DIFF = ${o.subtypeDiff}`);
    if (o.multirange) opts.push(`MULTIRANGE_TYPE_NAME = ${o.multirange}`);
    return [{ sql: `CREATE TYPE ${o.qname} AS RANGE (${opts.join(', ')})`, lock: 'none' }, ...createComment(`TYPE ${o.qname}`, o.comment)];
  },
  drop: (o) => [{ sql: `DROP TYPE ${o.qname}`, lock: 'none' }],
  alter(a, b) {
    const { comment: _ac, ...ra } = a;
    const { comment: _bc, ...rb } = b;
    if (JSON.stringify({ ...ra, dependsOn: [] }) !== JSON.stringify({ ...rb, dependsOn: [] })) return null;
    return a.comment !== b.comment ? [{ sql: commentOn(`TYPE ${b.qname}`, b.comment), lock: 'none' }] : [];
  },
};
