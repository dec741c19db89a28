/** Extended statistics objects. */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

export const statisticsReader: KindReader = {
  name: 'statistics',
  sql: `
SELECT s.oid, s.stxrelid, n.nspname AS schema, s.stxname AS name, ${qualified('n.nspname', 's.stxname')} AS qname,
       ${qualified('tn.nspname', 'c.relname')} AS table_qname, pg_get_statisticsobjdef(s.oid) AS def,
       CASE WHEN s.stxstattarget >= 0 THEN s.stxstattarget END AS target, d.description
FROM pg_statistic_ext s
JOIN pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace tn ON tn.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_statistic_ext'::regclass AND d.objoid = s.oid AND d.objsubid = 0
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const tableId = ctx.idAt(address('pg_class', r.stxrelid));
      if (!tableId || ctx.ownedByExtension('pg_statistic_ext', r.oid)) continue;
      ctx.add(
        {
          kind: 'statistics',
          id: makeId('statistics', r.schema, r.name),
          parent: tableId,
          comment: r.description,
          dependsOn: [tableId, makeId('schema', r.schema)],
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          table: r.table_qname,
          definition: r.def,
          target: r.target == null ? null : Number(r.target),
        },
        address('pg_statistic_ext', r.oid),
      );
    }
  },
};
