import { makeId } from '../../core/ids.js';
import { address, SYSTEM_SCHEMA_FILTER, type KindReader, schemaObject } from '../context.js';

export const enumsReader: KindReader = {
  name: 'enums',
  sql: `
SELECT t.oid, t.typarray, n.nspname AS schema, t.typname AS name, format_type(t.oid, NULL) AS qname,
       (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS vals,
       d.description
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE t.typtype = 'e' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_type', r.oid)) continue;
      const id = makeId('enum', r.schema, r.name);
      ctx.add(
        {
          ...schemaObject('enum', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          values: r.vals ?? [],
        },
        address('pg_type', r.oid),
      );
      ctx.alias(address('pg_type', r.typarray), id);
    }
  },
};
