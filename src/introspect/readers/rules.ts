/** Rewrite rules on tables and views, other than a view's own `_RETURN` rule. */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

export const rulesReader: KindReader = {
  name: 'rules',
  sql: `
SELECT r.oid, r.ev_class, n.nspname AS schema, c.relname AS table_name, ${qualified('n.nspname', 'c.relname')} AS table_qname,
       r.rulename AS name, quote_ident(r.rulename) AS qname, pg_get_ruledef(r.oid) AS def, r.ev_enabled AS enabled, d.description
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_rewrite'::regclass AND d.objoid = r.oid AND d.objsubid = 0
WHERE r.rulename <> '_RETURN' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const relId = ctx.idAt(address('pg_class', r.ev_class));
      if (!relId || ctx.ownedByExtension('pg_rewrite', r.oid)) continue;
      ctx.add(
        {
          kind: 'rule',
          id: makeId('rule', r.schema, r.table_name, r.name),
          parent: relId,
          comment: r.description,
          dependsOn: [relId],
          table: r.table_qname,
          name: r.name,
          qname: r.qname,
          definition: String(r.def).replace(/;\s*$/, ''),
          enabled: r.enabled,
        },
        address('pg_rewrite', r.oid),
      );
    }
  },
};
