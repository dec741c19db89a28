/** Casts and conversions. */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader, schemaObject } from '../context.js';
import { addOwner, describe, ownerName } from './owned.js';

/** `cast:<source>.<target>`, the types as format_type prints them. */
export const castId = (source: string, target: string): string => makeId('cast', source, target);

export const castsReader: KindReader = {
  name: 'casts',
  // User casts have user oids; the built-in ones (and their descriptions) are initdb's.
  sql: `
SELECT c.oid, format_type(c.castsource, NULL) AS source, format_type(c.casttarget, NULL) AS target, c.castmethod,
       CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END AS function, c.castcontext,
       ${describe('pg_cast', 'c.oid')} AS description
FROM pg_cast c
WHERE c.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_cast'::regclass AND dep.objid = c.oid AND dep.deptype = 'i')`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_cast', r.oid)) continue;
      ctx.add(
        {
          kind: 'cast',
          id: castId(r.source, r.target),
          parent: null,
          comment: r.description,
          dependsOn: [],
          source: r.source,
          target: r.target,
          method: r.castmethod === 'f' ? 'function' : r.castmethod === 'b' ? 'binary' : 'inout',
          function: r.function ?? null,
          context: r.castcontext === 'i' ? 'implicit' : r.castcontext === 'a' ? 'assignment' : 'explicit',
        },
        address('pg_cast', r.oid),
      );
    }
  },
};

export const conversionsReader: KindReader = {
  name: 'conversions',
  sql: `
SELECT c.oid, n.nspname AS schema, c.conname AS name, ${qualified('n.nspname', 'c.conname')} AS qname,
       pg_encoding_to_char(c.conforencoding) AS "from", pg_encoding_to_char(c.contoencoding) AS "to",
       c.conproc::regproc::text AS function, c.condefault AS is_default, ${ownerName('c.conowner')} AS owner,
       ${describe('pg_conversion', 'c.oid')} AS description
FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_conversion', r.oid)) continue;
      const id = makeId('conversion', r.schema, r.name);
      ctx.add(
        {
          ...schemaObject('conversion', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          from: r.from,
          to: r.to,
          function: r.function,
          isDefault: r.is_default,
        },
        address('pg_conversion', r.oid),
      );
      addOwner(ctx, id, `CONVERSION ${r.qname}`, r.owner);
    }
  },
};
