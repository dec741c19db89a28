/**
 * Every user object in the database, catalog by catalog, that no other reader
 * turned into a model object: what a migration would silently say nothing about.
 * Runs last and subtracts whatever the readers before it registered, so a kind
 * leaves this list by being modelled, not by being listed somewhere.
 *
 * User objects are those with oid >= 16384 (FirstNormalObjectId: initdb's own,
 * information_schema included, are below), outside the system schemas, not owned
 * by an extension, and not created implicitly with another object (pg_depend
 * 'i': a view's rewrite rule, a type's array type, a range's constructors).
 *
 * Two queries: the census lists addresses only, and names are asked for the few
 * objects left once the readers' own are subtracted (naming every table, index and
 * constraint of a large database was most of this reader's cost, on both ends).
 */
import type { UnmanagedObject } from '../../core/model/index.js';
import { address, SYSTEM_SCHEMA_FILTER, type KindReader, type ReadContext } from '../context.js';

const USER_OID = (col: string) => `${col} >= 16384`;
/** Not created implicitly as part of another object. Only for catalogs small enough for a probe per row. */
const NOT_INTERNAL = (catalog: string, col: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${col} AND dep.deptype = 'i')`;

/** One catalog's user objects: `oid` is the row's oid column, `from` and `where` select them, `kind` and `name` name one. */
interface Census {
  cls: string;
  oid: string;
  from: string;
  where: string;
  kind: string;
  name: string;
}

/** Catalogs whose every row is one object, named by pg_identify_object. */
const SIMPLE_CATALOGS = [
  'pg_namespace',
  'pg_extension',
  'pg_collation',
  'pg_policy',
  'pg_event_trigger',
  'pg_rewrite',
  'pg_publication',
  'pg_foreign_data_wrapper',
  'pg_foreign_server',
  'pg_user_mapping',
  'pg_statistic_ext',
  'pg_ts_config',
  'pg_ts_dict',
  'pg_ts_parser',
  'pg_ts_template',
  'pg_operator',
  'pg_opclass',
  'pg_opfamily',
  'pg_cast',
  'pg_language',
  'pg_conversion',
  'pg_transform',
  'pg_am',
] as const;

const simple: Census[] = SIMPLE_CATALOGS.map((cat) => ({
  cls: cat,
  oid: 'x.oid',
  from: `${cat} x`,
  where: `${USER_OID('x.oid')} AND ${NOT_INTERNAL(cat, 'x.oid')}`,
  kind: `(pg_identify_object('${cat}'::regclass, x.oid, 0)).type`,
  name: `(pg_identify_object('${cat}'::regclass, x.oid, 0)).identity`,
}));

/**
 * The large catalogs get cheap names and their implicit members filtered by
 * their own columns: toast tables, identity sequences, partition indexes attached to a parent's,
 * array and row types, constraints a partition inherits, NOT NULL constraints
 * (a column's attribute in the model), internal and cloned triggers.
 */
const LARGE: Census[] = [
  {
    cls: 'pg_class',
    oid: 'c.oid',
    from: 'pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace',
    where: `${USER_OID('c.oid')} AND c.relkind <> 't' AND NOT (c.relkind IN ('i', 'I') AND c.relispartition) AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  AND (c.relkind <> 'S' OR ${NOT_INTERNAL('pg_class', 'c.oid')})`,
    kind: `CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
         WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'c' THEN 'composite type'
         WHEN 'f' THEN 'foreign table' ELSE 'relation' END`,
    name: 'c.oid::regclass::text',
  },
  {
    cls: 'pg_type',
    oid: 't.oid',
    from: 'pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class r ON r.oid = t.typrelid',
    where: `${USER_OID('t.oid')} AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  AND (t.typrelid = 0 OR r.relkind = 'c')
  AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
  AND t.typtype <> 'm'`,
    kind: `CASE t.typtype WHEN 'b' THEN 'base type' WHEN 'c' THEN 'composite type' WHEN 'd' THEN 'domain' WHEN 'e' THEN 'enum'
         WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type' ELSE 'shell type' END`,
    name: 't.oid::regtype::text',
  },
  {
    cls: 'pg_proc',
    oid: 'p.oid',
    from: 'pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace',
    where: `${USER_OID('p.oid')} AND ${SYSTEM_SCHEMA_FILTER('n.nspname')} AND ${NOT_INTERNAL('pg_proc', 'p.oid')}`,
    kind: `CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' ELSE 'function' END`,
    name: 'p.oid::regprocedure::text',
  },
  {
    cls: 'pg_constraint',
    oid: 'co.oid',
    from: 'pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace LEFT JOIN pg_class c ON c.oid = co.conrelid',
    where: `${USER_OID('co.oid')} AND ${SYSTEM_SCHEMA_FILTER('n.nspname')} AND co.contype NOT IN ('n', 't')
  AND co.conparentid = 0 AND (co.contypid <> 0 OR (co.conislocal AND NOT (c.relispartition AND co.coninhcount > 0)))`,
    kind: `CASE WHEN co.contypid <> 0 THEN 'domain constraint' ELSE 'table constraint' END`,
    name: `quote_ident(co.conname) || ' on ' || CASE WHEN co.contypid <> 0 THEN co.contypid::regtype::text ELSE co.conrelid::regclass::text END`,
  },
  {
    cls: 'pg_trigger',
    oid: 't.oid',
    from: 'pg_trigger t',
    where: `${USER_OID('t.oid')} AND NOT t.tgisinternal AND t.tgparentid = 0`,
    kind: `'trigger'`,
    name: `quote_ident(t.tgname) || ' on ' || t.tgrelid::regclass::text`,
  },
  // Subscriptions are cluster-wide rows tagged with their database.
  {
    cls: 'pg_subscription',
    oid: 's.oid',
    from: 'pg_subscription s JOIN pg_database d ON d.oid = s.subdbid AND d.datname = current_database()',
    where: 'true',
    kind: `'subscription'`,
    name: 'quote_ident(s.subname)',
  },
  {
    cls: 'pg_largeobject_metadata',
    oid: 'l.oid',
    from: 'pg_largeobject_metadata l',
    where: USER_OID('l.oid'),
    kind: `'large object'`,
    name: 'l.oid::text',
  },
];

const CENSUS = [...LARGE, ...simple];
const byCatalog = new Map(CENSUS.map((c) => [c.cls, c]));

// The census rows' addresses left over, handed from read() to followUp() within one run.
const leftOf = (ctx: ReadContext) => ctx.state('unmanagedLeft', () => new Map<string, string[]>());

export const unmanagedReader: KindReader = {
  name: 'unmanaged',
  sql: CENSUS.map((c) => `\nSELECT '${c.cls}' AS cls, ${c.oid}::text AS oid FROM ${c.from} WHERE ${c.where}`).join('\nUNION ALL'),
  read(rows, ctx) {
    const left = leftOf(ctx);
    for (const r of rows) {
      if (ctx.idAt(address(r.cls, r.oid)) || ctx.ownedByExtension(r.cls, r.oid)) continue;
      let oids = left.get(r.cls);
      if (!oids) left.set(r.cls, (oids = []));
      oids.push(r.oid as string);
    }
  },
  followUp(ctx) {
    const left = leftOf(ctx);
    if (!left.size) return undefined;
    const parts = [...left].map(([cls, oids]) => {
      const c = byCatalog.get(cls)!;
      return `\nSELECT ${c.kind} AS kind, ${c.name} AS name FROM ${c.from} WHERE ${c.where} AND ${c.oid} = ANY ('{${oids.join(',')}}'::oid[])`;
    });
    return {
      sql: parts.join('\nUNION ALL'),
      read(rows: Record<string, any>[], ctx: ReadContext) {
        const seen = new Set<string>();
        for (const r of rows) {
          const key = `${r.kind}\0${r.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          ctx.unmanaged.push({ kind: r.kind as string, name: r.name as string } satisfies UnmanagedObject);
        }
      },
    };
  },
};
