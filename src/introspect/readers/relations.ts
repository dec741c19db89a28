/**
 * Tables, their columns, sequences (with OWNED BY and identity options),
 * constraints and indexes.
 */
import { childIdOf, makeId } from '../../core/ids.js';
import type { ColumnObject, ForeignTableObject, SequenceObject, TableObject } from '../../core/model/index.js';
import { normalizeExpression } from '../normalize.js';
import { sortedOptions } from './foreign.js';
import { address, AddressMap, qualified, SYSTEM_SCHEMA_FILTER, type KindReader, type ReadContext, schemaObject } from '../context.js';

export const tablesReader: KindReader = {
  batched: true,
  name: 'tables',
  sql: `
SELECT c.oid, c.reltype, n.nspname AS schema, c.relname AS name, ${qualified('n.nspname', 'c.relname')} AS qname,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
       (SELECT json_agg(json_build_object('oid', i.inhparent, 'schema', pn.nspname, 'name', pc.relname,
                        'qname', ${qualified('pn.nspname', 'pc.relname')}) ORDER BY i.inhseqno)
          FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid) AS parents,
       d.description, c.reloptions AS options, am.amname AS access_method
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p') AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_class', r.oid)) continue;
      const id = makeId('table', r.schema, r.name);
      const parents: { oid: string; schema: string; name: string; qname: string }[] = r.parents ?? [];
      const partitioned = r.bound != null && parents.length > 0;
      const t: TableObject = {
        ...schemaObject('table', r, [...parents.map((p) => makeId('table', p.schema, p.name))]),
        schema: r.schema,
        name: r.name,
        qname: r.qname,
        unlogged: r.unlogged,
        partitionKey: r.partkey ?? null,
        partitionOf: partitioned ? { parent: parents[0]!.qname, bound: r.bound } : null,
        inherits: partitioned ? [] : parents.map((p) => p.qname),
      };
      if (r.options?.length) t.options = (r.options as string[]).slice().sort();
      if (r.access_method && r.access_method !== 'heap') t.accessMethod = r.access_method;
      ctx.add(t, address('pg_class', r.oid));
      ctx.alias(address('pg_type', r.reltype), id);
    }
  },
};

/** Sequences, including identity sequences, which become options of their column. */
export const sequencesReader: KindReader = {
  batched: true,
  name: 'sequences',
  sql: `
SELECT c.oid, n.nspname AS schema, c.relname AS name, ${qualified('n.nspname', 'c.relname')} AS qname,
       format_type(s.seqtypid, NULL) AS data_type, s.seqstart::text AS start, s.seqincrement::text AS increment,
       s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
       c.relpersistence = 'u' AS unlogged, d.description,
       own.deptype AS own_type, own.refobjid AS own_rel, own.refobjsubid AS own_col
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_depend own ON own.classid = 'pg_class'::regclass AND own.objid = c.oid
     AND own.refclassid = 'pg_class'::regclass AND own.deptype IN ('a', 'i')
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind = 'S' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_class', r.oid)) continue;
      if (r.own_type === 'i') {
        identityOf(ctx).set(address('pg_class', r.own_rel, r.own_col), {
          start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.cycle,
        });
        continue;
      }
      const id = makeId('sequence', r.schema, r.name);
      const seq: SequenceObject = {
        ...schemaObject('sequence', r),
        schema: r.schema,
        name: r.name,
        qname: r.qname,
        unlogged: r.unlogged,
        dataType: r.data_type,
        start: r.start,
        increment: r.increment,
        min: r.min,
        max: r.max,
        cache: r.cache,
        cycle: r.cycle,
      };
      ctx.add(seq, address('pg_class', r.oid));
      if (r.own_type === 'a') ownersOf(ctx).push({ seq, rel: String(r.own_rel), col: String(r.own_col) });
    }
  },
};

const STORAGE: Record<string, NonNullable<ColumnObject['storage']>> = { p: 'plain', e: 'external', x: 'extended', m: 'main' };

type IdentityOptions = Omit<NonNullable<ColumnObject['identity']>, 'generation'>;
// Filled by sequencesReader, consumed by columnsReader within one introspection run.
const identityOf = (ctx: ReadContext) => ctx.state('identityOptions', () => new AddressMap<IdentityOptions>());
const positionOf = (ctx: ReadContext) => ctx.state('columnPosition', () => ({ rel: '', position: 0 }));
const ownersOf = (ctx: ReadContext) => ctx.state('sequenceOwners', () => [] as { seq: SequenceObject; rel: string; col: string }[]);

// A default cannot name a column, so it deparses without its table (relid 0): given the table,
// pg_get_expr opens and locks it, which on a fresh connection builds its relcache entry (10× the cost).
export const columnsReader: KindReader = {
  name: 'columns',
  sql: `
SELECT a.attrelid, a.attnum, a.attname AS name, quote_ident(a.attname) AS qname,
       format_type(a.atttypid, a.atttypmod) AS type,
       CASE WHEN a.attcollation <> t.typcollation THEN
         (SELECT ${qualified('cn.nspname', 'co.collname')} FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation)
       END AS collation,
       ad.oid AS attrdef,
       pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END) AS defexpr,
       a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
       a.attislocal AND NOT (c.relispartition AND a.attinhcount > 0) AS local,
       d.description, NULLIF(a.attstorage, t.typstorage) AS storage, NULLIF(a.attcompression, '') AS compression,
       CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END AS stattarget, a.attfdwoptions AS fdw_options
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = a.attrelid AND d.objsubid = a.attnum
WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
ORDER BY a.attrelid, a.attnum`,
  batched: true,
  read(rows, ctx) {
    // Rows come in attrelid order, over several batches: the position count carries across them.
    const at0 = positionOf(ctx);
    for (const r of rows) {
      const tableId = ctx.idOf('pg_class', Number(r.attrelid));
      if (!tableId) continue;
      const rel = String(r.attrelid);
      at0.position = rel === at0.rel ? at0.position + 1 : 1;
      at0.rel = rel;
      const position = at0.position;
      const id = childIdOf('column', tableId, r.name);
      const at = address('pg_class', r.attrelid, r.attnum);
      if (r.attrdef != null) ctx.alias(address('pg_attrdef', r.attrdef), id);
      // Inherited columns come with the parent (or PARTITION OF); they are not this table's own. A
      // partition's columns are all the parent's, also when it was attached (which leaves them local).
      if (!r.local) {
        ctx.alias(at, id);
        continue;
      }
      const ident = r.identity === 'a' ? 'always' : r.identity === 'd' ? 'by default' : null;
      const opts = identityOf(ctx).get(at);
      const col: ColumnObject = {
        kind: 'column',
        id,
        parent: tableId,
        comment: r.description,
        dependsOn: [tableId],
        table: relationOf(ctx, tableId).qname,
        name: r.name,
        qname: r.qname,
        position,
        type: r.type,
        collation: r.collation ?? null,
        default: r.generated ? null : normalizeExpression(r.defexpr ?? null),
        notNull: r.not_null,
        identity: ident && opts ? { generation: ident, ...opts } : null,
        generated: r.generated ? { expression: normalizeExpression(r.defexpr), stored: r.generated === 's' } : null,
      };
      if (r.storage) col.storage = STORAGE[r.storage as string];
      if (r.compression) col.compression = r.compression === 'l' ? 'lz4' : 'pglz';
      if (r.stattarget != null) col.statistics = Number(r.stattarget);
      if (r.fdw_options?.length) col.options = sortedOptions(r.fdw_options);
      ctx.add(col, at);
    }
  },
  finish(ctx) {
    for (const p of ownersOf(ctx)) {
      const colId = ctx.idAt(address('pg_class', p.rel, p.col));
      const col = colId ? ctx.get(colId) : undefined;
      if (!col || col.kind !== 'column') continue;
      ctx.add({
        kind: 'sequence_owner',
        id: makeId('sequence_owner', p.seq.schema, p.seq.name),
        parent: p.seq.id,
        comment: null,
        dependsOn: [p.seq.id, col.id],
        sequence: p.seq.qname,
        table: col.table,
        column: col.qname,
      });
    }
  },
};

/**
 * The table or foreign table a column or constraint row belongs to: its schema, name and
 * qualified name come from there instead of again on each of its rows.
 */
const relationOf = (ctx: ReadContext, tableId: string) => ctx.get(tableId) as TableObject | ForeignTableObject;

const CONSTRAINT_TYPES = { p: 'primary key', u: 'unique', f: 'foreign key', c: 'check', x: 'exclude' } as const;

export const constraintsReader: KindReader = {
  batched: true,
  name: 'constraints',
  sql: `
SELECT co.oid, co.conname AS name, quote_ident(co.conname) AS qname, co.conrelid, co.contype, co.conindid,
       pg_get_constraintdef(co.oid) AS def, co.convalidated AS validated, d.description
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = co.oid AND d.objsubid = 0
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p', 'f')
  AND co.conislocal AND co.conparentid = 0 AND NOT (c.relispartition AND co.coninhcount > 0) AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const tableId = ctx.idOf('pg_class', Number(r.conrelid));
      if (!tableId) continue;
      const id = childIdOf('constraint', tableId, r.name);
      let def: string = normalizeExpression(r.def);
      if (!r.validated && def.endsWith(' NOT VALID')) def = def.slice(0, -' NOT VALID'.length);
      ctx.add(
        {
          kind: 'constraint',
          id,
          parent: tableId,
          comment: r.description,
          dependsOn: [tableId],
          table: relationOf(ctx, tableId).qname,
          name: r.name,
          qname: r.qname,
          type: CONSTRAINT_TYPES[r.contype as keyof typeof CONSTRAINT_TYPES],
          definition: def,
          validated: r.validated,
        },
        address('pg_constraint', r.oid),
      );
      // The index behind PRIMARY KEY / UNIQUE / EXCLUDE is the constraint, as far as dependents care.
      if (r.contype !== 'f' && r.contype !== 'c' && r.conindid != null && String(r.conindid) !== '0') {
        ctx.alias(address('pg_class', r.conindid), id);
      }
    }
  },
};

export const indexesReader: KindReader = {
  batched: true,
  name: 'indexes',
  sql: `
SELECT i.indexrelid AS oid, n.nspname AS schema, ic.relname AS name, quote_ident(ic.relname) AS qname,
       ${qualified('n.nspname', 'ic.relname')} AS fqname, i.indrelid, pg_get_indexdef(i.indexrelid) AS def, d.description
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = i.indexrelid AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p') AND NOT ic.relispartition AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))`,
  read(rows, ctx) {
    for (const r of rows) {
      const tableId = ctx.idAt(address('pg_class', r.indrelid));
      if (!tableId) continue;
      const table = ctx.get(tableId);
      if (!table || table.kind !== 'table') continue;
      ctx.add(
        {
          kind: 'index',
          id: makeId('index', r.schema, r.name),
          parent: tableId,
          comment: r.description,
          dependsOn: [tableId],
          schema: r.schema,
          name: r.name,
          qname: r.fqname,
          table: table.qname,
          definition: normalizeExpression(r.def),
        },
        address('pg_class', r.oid),
      );
    }
  },
};
