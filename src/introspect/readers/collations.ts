import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader, schemaObject } from '../context.js';

const PROVIDERS = { c: 'libc', i: 'icu', b: 'builtin' } as const;

/** User-defined collations. Read through to_jsonb so column renames across versions (colliculocale → colllocale) do not matter. */
export const collationsReader: KindReader = {
  name: 'collations',
  sql: `
SELECT c.oid, n.nspname AS schema, c.collname AS name, ${qualified('n.nspname', 'c.collname')} AS qname,
       to_jsonb(c) AS j, d.description
FROM pg_collation c
JOIN pg_namespace n ON n.oid = c.collnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_collation'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_collation', r.oid)) continue;
      const j = r.j as Record<string, string | boolean | null>;
      const provider = PROVIDERS[j.collprovider as keyof typeof PROVIDERS] ?? 'libc';
      ctx.add(
        {
          ...schemaObject('collation', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          provider,
          lcCollate: (j.collcollate as string | null) ?? null,
          lcCtype: (j.collctype as string | null) ?? null,
          locale: ((j.colllocale ?? j.colliculocale) as string | null) ?? null,
          deterministic: j.collisdeterministic !== false,
          rules: (j.collicurules as string | null) ?? null,
        },
        address('pg_collation', r.oid),
      );
    }
  },
};
