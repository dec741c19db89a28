/** Foreign tables (their columns and CHECK constraints come from the relation readers) and user mappings. */
import { makeId } from '../../core/ids.js';
import type { ForeignTableObject } from '../../core/model/index.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';
import { redactOptions, sortedOptions } from './foreign.js';

export const foreignTablesReader: KindReader = {
  name: 'foreign tables',
  sql: `
SELECT c.oid, c.reltype, n.nspname AS schema, c.relname AS name, ${qualified('n.nspname', 'c.relname')} AS qname,
       quote_ident(s.srvname) AS server, s.srvname AS server_name, ft.ftoptions AS options,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
       (SELECT json_agg(json_build_object('schema', pn.nspname, 'name', pc.relname, 'kind', pc.relkind,
                        'qname', ${qualified('pn.nspname', 'pc.relname')}) ORDER BY i.inhseqno)
          FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid) AS parents,
       d.description
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
JOIN pg_foreign_server s ON s.oid = ft.ftserver
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE c.relkind = 'f' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_class', r.oid)) continue;
      const id = makeId('foreign_table', r.schema, r.name);
      const parents: { schema: string; name: string; kind: string; qname: string }[] = r.parents ?? [];
      const partition = r.bound != null && parents.length > 0;
      const t: ForeignTableObject = {
        kind: 'foreign_table',
        id,
        parent: null,
        comment: r.description,
        dependsOn: [
          makeId('schema', r.schema),
          makeId('foreign_server', r.server_name),
          ...parents.map((p) => makeId(p.kind === 'f' ? 'foreign_table' : 'table', p.schema, p.name)),
        ],
        schema: r.schema,
        name: r.name,
        qname: r.qname,
        server: r.server,
        options: sortedOptions(r.options),
        partitionOf: partition ? { parent: parents[0]!.qname, bound: r.bound } : null,
        inherits: partition ? [] : parents.map((p) => p.qname),
      };
      ctx.add(t, address('pg_class', r.oid));
      ctx.alias(address('pg_type', r.reltype), id);
    }
  },
};

/**
 * pg_user_mappings rather than pg_user_mapping: it shows the options only to those
 * allowed to see them (superusers, the mapped user, the server's owner).
 */
export const userMappingsReader: KindReader = {
  name: 'user mappings',
  sql: `
SELECT m.umid AS oid, m.srvname AS server_name, quote_ident(m.srvname) AS server,
       CASE WHEN m.umuser = 0 THEN 'public' ELSE m.usename END AS user_name,
       CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(m.usename) END AS "user",
       m.umoptions AS options
FROM pg_user_mappings m`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_user_mapping', r.oid)) continue;
      ctx.add(
        {
          kind: 'user_mapping',
          id: makeId('user_mapping', r.server_name, r.user_name),
          parent: null,
          comment: null,
          dependsOn: [makeId('foreign_server', r.server_name)],
          user: r.user,
          userName: r.user_name,
          serverName: r.server_name,
          server: r.server,
          options: redactOptions(r.options),
        },
        address('pg_user_mapping', r.oid),
      );
    }
  },
};
