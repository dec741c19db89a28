import type { EnumObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { commentOn, createComment, literal, quoteIdent } from './sql.js';
import { splitQualifiedName } from '../../core/ids.js';

const createSql = (o: EnumObject, name = o.qname) => `CREATE TYPE ${name} AS ENUM (${o.values.map(literal).join(', ')})`;

/** True when every label of `a` is in `b`, in the same relative order: b is reachable with ADD VALUE. */
function isOrderedSubset(a: string[], b: string[]): boolean {
  let j = 0;
  for (const v of b) if (j < a.length && a[j] === v) j++;
  return j === a.length && new Set(b).size === b.length;
}

export const enumRules: KindRules<EnumObject> = {
  kind: 'enum',
  order: 2,
  create: (o) => [{ sql: createSql(o), lock: 'none' }, ...createComment(`TYPE ${o.qname}`, o.comment)],
  drop: (o) => [{ sql: `DROP TYPE ${o.qname}`, lock: 'none' }],
  alter(a, b, ctx) {
    const out: Statement[] = [];
    if (a.values.join('\u0000') !== b.values.join('\u0000')) {
      if (isOrderedSubset(a.values, b.values)) out.push(...addValues(a, b, ctx));
      else out.push(...recreateWithConversion(a, b, ctx));
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(`TYPE ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

/**
 * A label added by ALTER TYPE ... ADD VALUE cannot be used before the transaction
 * commits. When the desired state uses a new label in stored text (a default, a
 * check, an index predicate), the statement is marked non-transactional so the
 * migration runs statement by statement.
 */
function newLabelUsed(b: EnumObject, labels: string[], ctx: RuleContext): boolean {
  if (!labels.length) return false;
  const needles = labels.map((l) => `${literal(l)}::${b.qname}`);
  return ctx.to.snapshot.objects.some((o) => {
    const text = JSON.stringify(o);
    return text.includes(b.qname) && needles.some((n) => text.includes(JSON.stringify(n).slice(1, -1)));
  });
}

function addValues(a: EnumObject, b: EnumObject, ctx: RuleContext): Statement[] {
  const present = new Set(a.values);
  const transactional = !newLabelUsed(b, b.values.filter((v) => !present.has(v)), ctx);
  const out: Statement[] = [];
  b.values.forEach((v, i) => {
    if (present.has(v)) return;
    const prev = b.values[i - 1];
    const next = b.values.slice(i + 1).find((x) => present.has(x));
    const where = prev !== undefined ? ` AFTER ${literal(prev)}` : next !== undefined ? ` BEFORE ${literal(next)}` : '';
    out.push({
      sql: `ALTER TYPE ${b.qname} ADD VALUE ${literal(v)}${where}`,
      lock: 'none',
      transactional,
      hazards: transactional ? [] : ['non-transactional'],
      note: transactional ? undefined : 'the new label is used by this migration: it must be committed first',
    });
    present.add(v);
  });
  return out;
}

/**
 * Labels removed or reordered: PostgreSQL cannot do that in place. Rename the old
 * type away, create the new one, convert every column through text, drop the old.
 */
function recreateWithConversion(a: EnumObject, b: EnumObject, ctx: RuleContext): Statement[] {
  const oldName = `${b.name.slice(0, 50)}__strata_old`;
  const oldQ = [...splitQualifiedName(b.qname).spelled.slice(0, -1), quoteIdent(oldName)].join('.');
  const out: Statement[] = [
    { sql: `ALTER TYPE ${a.qname} RENAME TO ${quoteIdent(oldName)}`, lock: 'none' },
    { sql: createSql(b), lock: 'none' },
  ];
  for (const col of ctx.from.ofKind('column')) {
    const isArray = col.type === `${a.qname}[]`;
    if (col.type !== a.qname && !isArray) continue;
    const target = ctx.to.get(col.id);
    if (!target || target.kind !== 'column' || target.type !== col.type) continue;
    const t = `ALTER TABLE ${col.table} ALTER COLUMN ${col.qname}`;
    if (col.default !== null) out.push({ sql: `${t} DROP DEFAULT` });
    out.push({
      sql: `${t} TYPE ${b.qname}${isArray ? '[]' : ''} USING ${col.qname}::text${isArray ? '[]' : ''}::${b.qname}${isArray ? '[]' : ''}`,
      hazards: ['table-rewrite', 'blocking-lock', 'data-loss'],
      note: `labels removed or reordered in ${b.qname}: rows holding a removed label make this fail`,
      invalidatesDependents: true,
    });
    if (target.default !== null) out.push({ sql: `${t} SET DEFAULT ${target.default}` });
  }
  out.push({ sql: `DROP TYPE ${oldQ}`, lock: 'none' });
  return out;
}
