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
 */
import type { UnmanagedObject } from '../../core/model/index.js';
import { address, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

const USER_OID = (col: string) => `${col} >= 16384`;
/** Not created implicitly as part of another object. Only for catalogs small enough for a probe per row. */
const NOT_INTERNAL = (catalog: string, col: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${col} AND dep.deptype = 'i')`;
const identity = (catalog: string, col: string) => `(pg_identify_object('${catalog}'::regclass, ${col}, 0)).identity`;
const kindOf = (catalog: string, col: string) => `(pg_identify_object('${catalog}'::regclass, ${col}, 0)).type`;

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

const simple = SIMPLE_CATALOGS.map(
  (cat) => `
SELECT '${cat}' AS cls, x.oid::text AS oid, ${kindOf(cat, 'x.oid')} AS kind, ${identity(cat, 'x.oid')} AS name
FROM ${cat} x WHERE ${USER_OID('x.oid')} AND ${NOT_INTERNAL(cat, 'x.oid')}`,
);

/**
 * The large catalogs get cheap names and their implicit members filtered by
 * their own columns: toast tables, identity sequences, partition indexes attached to a parent's,
 * array and row types, constraints a partition inherits, NOT NULL constraints
 * (a column's attribute in the model), internal and cloned triggers.
 */
const LARGE = [
  `
SELECT 'pg_class' AS cls, c.oid::text AS oid,
       CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
         WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'c' THEN 'composite type'
         WHEN 'f' THEN 'foreign table' ELSE 'relation' END AS kind,
       c.oid::regclass::text AS name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${USER_OID('c.oid')} AND c.relkind <> 't' AND NOT (c.relkind IN ('i', 'I') AND c.relispartition) AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  AND (c.relkind <> 'S' OR ${NOT_INTERNAL('pg_class', 'c.oid')})`,
  `
SELECT 'pg_type' AS cls, t.oid::text AS oid,
       CASE t.typtype WHEN 'b' THEN 'base type' WHEN 'c' THEN 'composite type' WHEN 'd' THEN 'domain' WHEN 'e' THEN 'enum'
         WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type' ELSE 'shell type' END AS kind,
       t.oid::regtype::text AS name
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class r ON r.oid = t.typrelid
WHERE ${USER_OID('t.oid')} AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  AND (t.typrelid = 0 OR r.relkind = 'c')
  AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
  AND t.typtype <> 'm'`,
  `
SELECT 'pg_proc' AS cls, p.oid::text AS oid,
       CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' ELSE 'function' END AS kind,
       p.oid::regprocedure::text AS name
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE ${USER_OID('p.oid')} AND ${SYSTEM_SCHEMA_FILTER('n.nspname')} AND ${NOT_INTERNAL('pg_proc', 'p.oid')}`,
  `
SELECT 'pg_constraint' AS cls, co.oid::text AS oid,
       CASE WHEN co.contypid <> 0 THEN 'domain constraint' ELSE 'table constraint' END AS kind,
       quote_ident(co.conname) || ' on ' || CASE WHEN co.contypid <> 0 THEN co.contypid::regtype::text ELSE co.conrelid::regclass::text END AS name
FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace
LEFT JOIN pg_class c ON c.oid = co.conrelid
WHERE ${USER_OID('co.oid')} AND ${SYSTEM_SCHEMA_FILTER('n.nspname')} AND co.contype NOT IN ('n', 't')
  AND co.conparentid = 0 AND (co.contypid <> 0 OR (co.conislocal AND NOT (c.relispartition AND co.coninhcount > 0)))`,
  `
SELECT 'pg_trigger' AS cls, t.oid::text AS oid, 'trigger' AS kind, quote_ident(t.tgname) || ' on ' || t.tgrelid::regclass::text AS name
FROM pg_trigger t
WHERE ${USER_OID('t.oid')} AND NOT t.tgisinternal AND t.tgparentid = 0`,
  // Subscriptions are cluster-wide rows tagged with their database.
  `
SELECT 'pg_subscription' AS cls, s.oid::text AS oid, 'subscription' AS kind, quote_ident(s.subname) AS name
FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid AND d.datname = current_database()`,
  `
SELECT 'pg_largeobject_metadata' AS cls, l.oid::text AS oid, 'large object' AS kind, l.oid::text AS name
FROM pg_largeobject_metadata l WHERE ${USER_OID('l.oid')}`,
];

export const unmanagedReader: KindReader = {
  name: 'unmanaged',
  sql: [...LARGE, ...simple].join('\nUNION ALL'),
  read(rows, ctx) {
    const seen = new Set<string>();
    for (const r of rows) {
      const at = address(r.cls, r.oid);
      if (ctx.idAt(at) || ctx.ownedByExtension(r.cls, r.oid)) continue;
      const key = `${r.kind}\0${r.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.unmanaged.push({ kind: r.kind as string, name: r.name as string } satisfies UnmanagedObject);
    }
  },
};
