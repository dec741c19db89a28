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
        if (ctx.serverVersion >= 180000) out.push(adoptNotNullNames(b));
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
  END LOOP;${ctx.serverVersion >= 180000 ? `
  -- NOT NULL constraints keep the parent's names; set again, they take the names a table of its own gets.
  FOR r IN SELECT a.attname FROM pg_constraint co JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1]
           WHERE co.conrelid = ${rel}::regclass AND co.contype = 'n' ORDER BY a.attnum LOOP
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP NOT NULL', ${rel}, r.attname);
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', ${rel}, r.attname);
  END LOOP;` : ''}
END $strata$`,
    note: `drop the indexes and constraints ${t.qname} kept from its parent when detached`,
    stage: 'release',
  };
}

/**
 * PostgreSQL 18 catalogs NOT NULL as constraints. A partition created with
 * PARTITION OF takes its parent's constraint names; an attached table keeps its
 * own. Renamed before ATTACH (an inherited constraint cannot be renamed), both ways of making the partition read the same.
 */
function adoptNotNullNames(t: TableObject): Statement {
  const rel = literal(t.qname);
  const parent = literal(t.partitionOf!.parent);
  return {
    sql: `DO $strata$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.conname AS own, p.conname AS inherited
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             JOIN pg_attribute pa ON pa.attrelid = ${parent}::regclass AND pa.attname = a.attname
             JOIN pg_constraint p ON p.conrelid = pa.attrelid AND p.contype = 'n' AND p.conkey[1] = pa.attnum
            WHERE c.conrelid = ${rel}::regclass AND c.contype = 'n' AND c.conname <> p.conname ORDER BY a.attnum LOOP
    EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', ${rel}, r.own, r.inherited);
  END LOOP;
END $strata$`,
    note: `NOT NULL constraints of ${t.qname} take its parent's names, as PARTITION OF gives them`,
    lock: 'ACCESS EXCLUSIVE',
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
