/** Domains (with their CHECK constraints), composite types and range types. */
import { makeId } from '../../core/ids.js';
import type { DomainConstraint } from '../../core/model/index.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader, schemaObject } from '../context.js';

const COLLATION_NAME = (oid: string) =>
  `(SELECT ${qualified('cn.nspname', 'co.collname')} FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ${oid})`;

export const domainsReader: KindReader = {
  name: 'domains',
  sql: `
SELECT t.oid, t.typarray, n.nspname AS schema, t.typname AS name, format_type(t.oid, NULL) AS qname,
       format_type(t.typbasetype, t.typtypmod) AS base_type,
       CASE WHEN t.typcollation <> bt.typcollation THEN ${COLLATION_NAME('t.typcollation')} END AS collation,
       pg_get_expr(t.typdefaultbin, 0) AS default_expr, t.typnotnull AS not_null,
       (SELECT json_agg(json_build_object('oid', co.oid, 'name', co.conname, 'qname', quote_ident(co.conname),
                        'def', pg_get_constraintdef(co.oid), 'validated', co.convalidated) ORDER BY co.conname)
          FROM pg_constraint co WHERE co.contypid = t.oid AND co.contype = 'c') AS constraints,
       d.description
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'd' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_type', r.oid)) continue;
      const id = makeId('domain', r.schema, r.name);
      const raw: { oid: string; name: string; qname: string; def: string; validated: boolean }[] = r.constraints ?? [];
      const constraints: DomainConstraint[] = raw.map((c) => ({
        name: c.name,
        qname: c.qname,
        definition: !c.validated && c.def.endsWith(' NOT VALID') ? c.def.slice(0, -' NOT VALID'.length) : c.def,
        validated: c.validated,
      }));
      ctx.add(
        {
          ...schemaObject('domain', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          baseType: r.base_type,
          collation: r.collation ?? null,
          default: r.default_expr ?? null,
          notNull: r.not_null,
          constraints,
        },
        address('pg_type', r.oid),
      );
      if (r.typarray && String(r.typarray) !== '0') ctx.alias(address('pg_type', r.typarray), id);
      // What a domain CHECK calls is a dependency of the domain.
      for (const c of raw) ctx.alias(address('pg_constraint', c.oid), id);
    }
  },
};

export const compositeTypesReader: KindReader = {
  name: 'composite_types',
  sql: `
SELECT t.oid, t.typarray, c.oid AS relid, n.nspname AS schema, t.typname AS name, format_type(t.oid, NULL) AS qname,
       (SELECT json_agg(json_build_object('name', a.attname, 'qname', quote_ident(a.attname),
                        'type', format_type(a.atttypid, a.atttypmod),
                        'collation', CASE WHEN a.attcollation <> at.typcollation THEN ${COLLATION_NAME('a.attcollation')} END)
                        ORDER BY a.attnum)
          FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS attributes,
       d.description
FROM pg_type t
JOIN pg_class c ON c.oid = t.typrelid
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'c' AND c.relkind = 'c' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_type', r.oid)) continue;
      const id = makeId('composite_type', r.schema, r.name);
      ctx.add(
        {
          ...schemaObject('composite_type', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          attributes: ((r.attributes ?? []) as { name: string; qname: string; type: string; collation: string | null }[]).map((a) => ({
            name: a.name,
            qname: a.qname,
            type: a.type,
            collation: a.collation ?? null,
          })),
        },
        address('pg_type', r.oid),
      );
      ctx.alias(address('pg_class', r.relid), id);
      if (r.typarray && String(r.typarray) !== '0') ctx.alias(address('pg_type', r.typarray), id);
    }
  },
};

export const rangeTypesReader: KindReader = {
  name: 'range_types',
  sql: `
SELECT t.oid, t.typarray, rg.rngmultitypid, n.nspname AS schema, t.typname AS name, format_type(t.oid, NULL) AS qname,
       format_type(rg.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT oc.opcdefault THEN ${qualified('ocn.nspname', 'oc.opcname')} END AS opclass,
       CASE WHEN rg.rngcollation <> 0 AND rg.rngcollation <> st.typcollation THEN ${COLLATION_NAME('rg.rngcollation')} END AS collation,
       CASE WHEN rg.rngcanonical <> 0 THEN rg.rngcanonical::regproc::text END AS canonical,
       CASE WHEN rg.rngsubdiff <> 0 THEN rg.rngsubdiff::regproc::text END AS subdiff,
       CASE WHEN rg.rngmultitypid <> 0 THEN format_type(rg.rngmultitypid, NULL) END AS multirange,
       d.description
FROM pg_range rg
JOIN pg_type t ON t.oid = rg.rngtypid
JOIN pg_type st ON st.oid = rg.rngsubtype
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_opclass oc ON oc.oid = rg.rngsubopc
JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_type', r.oid)) continue;
      const id = makeId('range_type', r.schema, r.name);
      ctx.add(
        {
          ...schemaObject('range_type', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          subtype: r.subtype,
          opclass: r.opclass ?? null,
          collation: r.collation ?? null,
          canonical: r.canonical ?? null,
          subtypeDiff: r.subdiff ?? null,
          multirange: r.multirange ?? null,
        },
        address('pg_type', r.oid),
      );
      for (const alias of [r.typarray, r.rngmultitypid]) if (alias && String(alias) !== '0') ctx.alias(address('pg_type', alias), id);
    }
  },
};
