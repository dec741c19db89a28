/** Row-level security switches and policies. */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

export const rowSecurityReader: KindReader = {
  name: 'row_security',
  sql: `
SELECT c.oid, n.nspname AS schema, c.relname AS name, ${qualified('n.nspname', 'c.relname')} AS qname,
       c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity) AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const tableId = ctx.idAt(address('pg_class', r.oid));
      if (!tableId) continue;
      ctx.add({
        kind: 'row_security',
        id: makeId('row_security', r.schema, r.name),
        parent: tableId,
        comment: null,
        dependsOn: [tableId],
        table: r.qname,
        enabled: r.enabled,
        forced: r.forced,
      });
    }
  },
};

const COMMANDS: Record<string, string> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };

export const policiesReader: KindReader = {
  name: 'policies',
  sql: `
SELECT pol.oid, pol.polrelid, n.nspname AS schema, c.relname AS table_name, ${qualified('n.nspname', 'c.relname')} AS table_qname,
       pol.polname AS name, quote_ident(pol.polname) AS qname, pol.polpermissive AS permissive, pol.polcmd AS cmd,
       (SELECT json_agg(CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE quote_ident(ro.rolname) END)
          FROM unnest(pol.polroles) AS r(oid) LEFT JOIN pg_roles ro ON ro.oid = r.oid) AS roles,
       pg_get_expr(pol.polqual, pol.polrelid) AS using_expr, pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expr,
       d.description
FROM pg_policy pol
JOIN pg_class c ON c.oid = pol.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_policy'::regclass AND d.objoid = pol.oid AND d.objsubid = 0
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const tableId = ctx.idAt(address('pg_class', r.polrelid));
      if (!tableId) continue;
      ctx.add(
        {
          kind: 'policy',
          id: makeId('policy', r.schema, r.table_name, r.name),
          parent: tableId,
          comment: r.description,
          dependsOn: [tableId],
          table: r.table_qname,
          name: r.name,
          qname: r.qname,
          permissive: r.permissive,
          command: COMMANDS[r.cmd] ?? 'ALL',
          roles: ((r.roles ?? []) as string[]).slice().sort(),
          using: r.using_expr ?? null,
          check: r.check_expr ?? null,
        },
        address('pg_policy', r.oid),
      );
    }
  },
};
