/**
 * Partition attach/detach on top of the table and column rules: a partition whose
 * bound or parent changes is detached and attached again (no data moves, no drop),
 * a table becomes a partition with ATTACH, a partition a table with DETACH. A
 * partition's columns are its parent's (the reader leaves them out), so the
 * columns a table gains or loses by attaching or detaching are not added or dropped.
 */
import type { ColumnObject, IndexObject, TableObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { literal } from './sql.js';

const isPartition = (ix: RuleContext['from'], id: string | null) => {
  const t = id ? ix.get(id) : undefined;
  return t?.kind === 'table' && t.partitionOf !== null;
};

export function withPartitionAttach(rules: KindRules<TableObject>): KindRules<TableObject> {
  return {
    ...rules,
    alter(a, b, ctx) {
      if (a.partitionKey !== b.partitionKey || JSON.stringify(a.partitionOf) === JSON.stringify(b.partitionOf)) return rules.alter(a, b, ctx);
      const rest = rules.alter({ ...a, partitionOf: b.partitionOf, inherits: b.partitionOf ? b.inherits : a.inherits }, b, ctx);
      if (rest === null) return null;
      const out: Statement[] = [];
      // Detaches run with the drops, before any attach, so a bound can move to a sibling.
      if (a.partitionOf) {
        out.push({ sql: `ALTER TABLE ${a.partitionOf.parent} DETACH PARTITION ${a.qname}`, stage: 'release' });
        if (!b.partitionOf || b.partitionOf.parent !== a.partitionOf.parent) out.push(dropDetachedClones(a, ctx));
      }
      if (b.partitionOf) {
        out.push({
          sql: `ALTER TABLE ${b.partitionOf.parent} ATTACH PARTITION ${b.qname} ${b.partitionOf.bound}`,
          hazards: ['validation-scan'],
          lock: 'SHARE UPDATE EXCLUSIVE',
        });
      }
      return [...out, ...rest];
    },
  };
}

/**
 * DETACH leaves the partition with copies of its parent's indexes and constraints,
 * which the snapshot never listed (they were the parent's). Drop them, keeping the
 * ones the partition had of its own, so the table's own diff adds what it wants.
 */
function dropDetachedClones(t: TableObject, ctx: RuleContext): Statement {
  const own = ctx.from.children(t.id).filter((c) => c.kind === 'constraint' || c.kind === 'index');
  const keep = `ARRAY[${own.map((c) => literal((c as { name: string }).name)).join(', ')}]::name[]`;
  const rel = literal(t.qname);
  return {
    sql: `DO $strata$
DECLARE r record;
BEGIN
  FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = ${rel}::regclass AND contype IN ('p', 'u', 'f', 'x', 'c') AND conname <> ALL (${keep}) ORDER BY conname LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', ${rel}, r.conname);
  END LOOP;
  FOR r IN SELECT ic.oid FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ${rel}::regclass AND ic.relname <> ALL (${keep}) ORDER BY ic.relname LOOP
    EXECUTE format('DROP INDEX %s', r.oid::regclass);
  END LOOP;
END $strata$`,
    note: `drop the indexes and constraints ${t.qname} kept from its parent when detached`,
    stage: 'release',
  };
}

/**
 * A partition's columns are its parent's: a table detached keeps them, then takes
 * its own defaults and NOT NULLs; a table attached keeps its columns, now inherited.
 */
export function withPartitionColumns(rules: KindRules<ColumnObject>): KindRules<ColumnObject> {
  return {
    ...rules,
    create(c, ctx) {
      if (!isPartition(ctx.from, c.parent) || isPartition(ctx.to, c.parent)) return rules.create(c, ctx);
      const t = ctx.from.get(c.parent!) as TableObject;
      const parent = ctx.from.ofKind('table').find((x) => x.qname === t.partitionOf!.parent);
      const inherited = parent && ctx.from.children(parent.id).find((x): x is ColumnObject => x.kind === 'column' && x.name === c.name);
      if (!inherited) return [];
      return rules.alter({ ...inherited, id: c.id, parent: c.parent, table: c.table, comment: null, identity: null }, c, ctx) ?? [];
    },
    drop: (c, ctx) => (isPartition(ctx.to, c.parent) && !isPartition(ctx.from, c.parent) ? [] : rules.drop(c, ctx)),
  };
}

/**
 * pg_get_indexdef writes `ON ONLY` for an index on a partitioned table, which would
 * create it on the parent alone, invalid until every partition's index is attached.
 * Created without ONLY it cascades to the partitions, as the source statement did.
 */
export function withPartitionedIndexes(rules: KindRules<IndexObject>): KindRules<IndexObject> {
  return {
    ...rules,
    create: (i, ctx) => rules.create(i, ctx).map((s) => (s.sql === i.definition ? { ...s, sql: s.sql.replace(/ ON ONLY /, ' ON ') } : s)),
  };
}
