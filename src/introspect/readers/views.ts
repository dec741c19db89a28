/**
 * Views and materialized views, and the indexes on materialized views. A view's
 * pg_depend edges hang off its `_RETURN` rule, so the rule's address stands for
 * the view.
 */
import { makeId } from '../../core/ids.js';
import type { ViewColumn } from '../../core/model/index.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

export const viewsReader: KindReader = {
  name: 'views',
  sql: `
SELECT c.oid, c.reltype, c.relkind, n.nspname AS schema, c.relname AS name, ${qualified('n.nspname', 'c.relname')} AS qname,
       pg_get_viewdef(c.oid) AS def, c.reloptions AS options, c.relispopulated AS populated,
       (SELECT json_agg(json_build_object('name', a.attname, 'qname', quote_ident(a.attname), 'type', format_type(a.atttypid, a.atttypmod),
                        'comment', ad.description) ORDER BY a.attnum)
          FROM pg_attribute a
          LEFT JOIN pg_description ad ON ad.classoid = 'pg_class'::regclass AND ad.objoid = a.attrelid AND ad.objsubid = a.attnum
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT array_agg(r.oid) FROM pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename = '_RETURN') AS rules,
       d.description
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind IN ('v', 'm') AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_class', r.oid)) continue;
      const materialized = r.relkind === 'm';
      const kind = materialized ? 'materialized_view' : 'view';
      const id = makeId(kind, r.schema, r.name);
      const base = {
        id,
        parent: null,
        comment: r.description,
        dependsOn: [makeId('schema', r.schema)],
        schema: r.schema,
        name: r.name,
        qname: r.qname,
        definition: String(r.def).replace(/;\s*$/, ''),
        options: [...((r.options as string[] | null) ?? [])].sort(),
        columns: ((r.columns as ViewColumn[] | null) ?? []).map((c) => ({ name: c.name, qname: c.qname, type: c.type, comment: c.comment ?? null })),
      };
      if (materialized) ctx.add({ kind: 'materialized_view', ...base, populated: r.populated }, address('pg_class', r.oid));
      else ctx.add({ kind: 'view', ...base }, address('pg_class', r.oid));
      ctx.alias(address('pg_type', r.reltype), id);
      for (const rule of (r.rules as string[] | null) ?? []) ctx.alias(address('pg_rewrite', rule), id);
    }
  },
};

/** Indexes on materialized views (table indexes come from the indexes reader). */
export const materializedViewIndexesReader: KindReader = {
  name: 'materialized view indexes',
  sql: `
SELECT i.indexrelid AS oid, n.nspname AS schema, ic.relname AS name, ${qualified('n.nspname', 'ic.relname')} AS fqname,
       i.indrelid, pg_get_indexdef(i.indexrelid) AS def, d.description
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = i.indexrelid AND d.objsubid = 0
WHERE c.relkind = 'm' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const mvId = ctx.idAt(address('pg_class', r.indrelid));
      const mv = mvId ? ctx.get(mvId) : undefined;
      if (!mv || mv.kind !== 'materialized_view') continue;
      ctx.add(
        {
          kind: 'index',
          id: makeId('index', r.schema, r.name),
          parent: mv.id,
          comment: r.description,
          dependsOn: [mv.id],
          schema: r.schema,
          name: r.name,
          qname: r.fqname,
          table: mv.qname,
          definition: r.def,
        },
        address('pg_class', r.oid),
      );
    }
  },
};
