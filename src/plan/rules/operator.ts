import type { OperatorClassObject, OperatorFamilyObject, OperatorObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

/** `s.=== (integer, integer)`: how DROP, ALTER and COMMENT name an operator. */
const signature = (o: OperatorObject) => `${o.qname} (${o.left ?? 'NONE'}, ${o.right})`;

/**
 * The shell operators `o` made by naming a commutator or negator it never defined:
 * DROP OPERATOR leaves them behind, so they go with it unless the target state names them.
 */
function dropShells(o: OperatorObject, ctx: RuleContext): Statement[] {
  const shells: { qname: string; left: string; right: string }[] = [];
  if (o.commutator && o.left !== null) shells.push({ qname: o.commutator, left: o.right, right: o.left });
  if (o.negator && o.left !== null) shells.push({ qname: o.negator, left: o.left, right: o.right });
  const same = (x: OperatorObject, s: { qname: string; left: string; right: string }) => x.qname === s.qname && x.left === s.left && x.right === s.right;
  const names = (x: OperatorObject, s: { qname: string; left: string; right: string }) =>
    (x.commutator === s.qname && x.left === s.right && x.right === s.left) || (x.negator === s.qname && x.left === s.left && x.right === s.right);
  return shells
    .filter((s) => !same(o, s) && !ctx.from.ofKind('operator').some((x) => same(x, s)))
    .filter((s) => !ctx.to.ofKind('operator').some((x) => same(x, s) || names(x, s)))
    .map((s) => ({ sql: `DROP OPERATOR IF EXISTS ${s.qname} (${s.left}, ${s.right})`, lock: 'none' as const }));
}

/**
 * Only the estimators change in place (ALTER OPERATOR ... SET); anything else is a
 * new operator, which takes the classes, families and indexes using it along.
 * Catalog-only DDL: no table locks.
 */
export const operatorRules: KindRules<OperatorObject> = {
  kind: 'operator',
  order: 10.6,
  create: (o) => {
    const opts = [
      `FUNCTION = ${o.function}`,
      ...(o.left !== null ? [`LEFTARG = ${o.left}`] : []),
      `RIGHTARG = ${o.right}`,
      ...(o.commutator ? [`COMMUTATOR = OPERATOR(${o.commutator})`] : []),
      ...(o.negator ? [`NEGATOR = OPERATOR(${o.negator})`] : []),
      ...(o.restrict ? [`RESTRICT = ${o.restrict}`] : []),
      ...(o.join ? [`JOIN = ${o.join}`] : []),
      ...(o.hashes ? ['HASHES'] : []),
      ...(o.merges ? ['MERGES'] : []),
    ];
    return [{ sql: `CREATE OPERATOR ${o.qname} (${opts.join(', ')})`, lock: 'none' }, ...createComment(`OPERATOR ${signature(o)}`, o.comment)];
  },
  drop: (o, ctx) => [{ sql: `DROP OPERATOR ${signature(o)}`, lock: 'none' }, ...dropShells(o, ctx)],
  alter(a, b) {
    if (
      a.function !== b.function ||
      a.commutator !== b.commutator ||
      a.negator !== b.negator ||
      a.hashes !== b.hashes ||
      a.merges !== b.merges
    )
      return null;
    const set: string[] = [];
    if (a.restrict !== b.restrict) set.push(`RESTRICT = ${b.restrict ?? 'NONE'}`);
    if (a.join !== b.join) set.push(`JOIN = ${b.join ?? 'NONE'}`);
    const out: Statement[] = [];
    if (set.length) out.push({ sql: `ALTER OPERATOR ${signature(b)} SET (${set.join(', ')})`, lock: 'none' });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`OPERATOR ${signature(b)}`, b.comment), lock: 'none' });
    return out;
  },
};

const familyName = (f: OperatorFamilyObject | OperatorClassObject) => `${f.qname} USING ${f.method}`;

/** Loose members are added and dropped in place (ALTER OPERATOR FAMILY ... ADD / DROP). */
export const operatorFamilyRules: KindRules<OperatorFamilyObject> = {
  kind: 'operator_family',
  order: 10.7,
  create: (f) => [
    { sql: `CREATE OPERATOR FAMILY ${familyName(f)}`, lock: 'none' },
    ...(f.members.length ? [{ sql: `ALTER OPERATOR FAMILY ${familyName(f)} ADD ${f.members.map((m) => m.add).join(', ')}`, lock: 'none' as const }] : []),
    ...createComment(`OPERATOR FAMILY ${familyName(f)}`, f.comment),
  ],
  drop: (f) => [{ sql: `DROP OPERATOR FAMILY ${familyName(f)}`, lock: 'none' }],
  alter(a, b) {
    const had = new Set(a.members.map((m) => m.add));
    const has = new Set(b.members.map((m) => m.add));
    const dropped = a.members.filter((m) => !has.has(m.add));
    const added = b.members.filter((m) => !had.has(m.add));
    const out: Statement[] = [];
    if (dropped.length) out.push({ sql: `ALTER OPERATOR FAMILY ${familyName(b)} DROP ${dropped.map((m) => m.drop).join(', ')}`, lock: 'none' });
    if (added.length) out.push({ sql: `ALTER OPERATOR FAMILY ${familyName(b)} ADD ${added.map((m) => m.add).join(', ')}`, lock: 'none' });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`OPERATOR FAMILY ${familyName(b)}`, b.comment), lock: 'none' });
    return out;
  },
};

/**
 * No ALTER changes a class's contents: any change is a new class, and the indexes
 * and constraints built with it are dropped and built again (their steps carry the
 * index-build hazard).
 */
export const operatorClassRules: KindRules<OperatorClassObject> = {
  kind: 'operator_class',
  order: 10.8,
  create: (c) => {
    // CREATE OPERATOR CLASS needs one item; STORAGE of the indexed type itself records nothing.
    const items = [...c.members.map((m) => m.add), ...(c.storage || !c.members.length ? [`STORAGE ${c.storage ?? c.type}`] : [])];
    return [
      {
        sql: `CREATE OPERATOR CLASS ${c.qname}${c.isDefault ? ' DEFAULT' : ''} FOR TYPE ${c.type} USING ${c.method} FAMILY ${c.family} AS ${items.join(', ')}`,
        lock: 'none',
      },
      ...createComment(`OPERATOR CLASS ${familyName(c)}`, c.comment),
    ];
  },
  drop: (c) => [{ sql: `DROP OPERATOR CLASS ${familyName(c)}`, lock: 'none' }],
  alter(a, b) {
    if (JSON.stringify({ ...a, comment: null, dependsOn: [] }) !== JSON.stringify({ ...b, comment: null, dependsOn: [] })) return null;
    return a.comment === b.comment ? [] : [{ sql: commentOn(`OPERATOR CLASS ${familyName(b)}`, b.comment), lock: 'none' }];
  },
};
