import { makeId } from '../../core/ids.js';
import { address, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

export const schemasReader: KindReader = {
  name: 'schemas',
  sql: `
SELECT n.oid, n.nspname AS name, quote_ident(n.nspname) AS qname, d.description
FROM pg_namespace n
LEFT JOIN pg_description d ON d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid AND d.objsubid = 0
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_namespace', r.oid)) continue;
      ctx.add(
        { kind: 'schema', id: makeId('schema', r.name), parent: null, comment: r.description, dependsOn: [], name: r.name, qname: r.qname },
        address('pg_namespace', r.oid),
      );
    }
  },
};

export const extensionsReader: KindReader = {
  name: 'extensions',
  sql: `
SELECT e.oid, e.extname AS name, quote_ident(e.extname) AS qname, n.nspname AS schema_name,
       quote_ident(n.nspname) AS schema, e.extversion AS version, d.description,
       (SELECT a.default_version FROM pg_available_extensions a WHERE a.name = e.extname) AS default_version,
       (SELECT json_agg(p.target ORDER BY p.target) FROM pg_extension_update_paths(e.extname) p
         WHERE p.source = e.extversion AND p.path IS NOT NULL) AS reachable
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_extension'::regclass AND d.objoid = e.oid AND d.objsubid = 0`,
  read(rows, ctx) {
    for (const r of rows) {
      const schemaId = makeId('schema', r.schema_name);
      ctx.add(
        {
          kind: 'extension',
          id: makeId('extension', r.name),
          parent: null,
          comment: r.description,
          dependsOn: ctx.get(schemaId) ? [schemaId] : [],
          name: r.name,
          qname: r.qname,
          schema: r.schema,
          version: r.version,
          reachableVersions: r.reachable ?? [],
          ...(r.default_version ? { defaultVersion: r.default_version } : {}),
        },
        address('pg_extension', r.oid),
      );
    }
  },
};
