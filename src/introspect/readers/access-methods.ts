/** User-created access methods (the built-in ones have system oids). */
import { makeId } from '../../core/ids.js';
import { address, type KindReader } from '../context.js';

export const accessMethodsReader: KindReader = {
  name: 'access methods',
  sql: `
SELECT a.oid, a.amname AS name, quote_ident(a.amname) AS qname, a.amtype, a.amhandler::regproc::text AS handler, d.description
FROM pg_am a
LEFT JOIN pg_description d ON d.classoid = 'pg_am'::regclass AND d.objoid = a.oid AND d.objsubid = 0
WHERE a.oid >= 16384`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_am', r.oid)) continue;
      ctx.add(
        {
          kind: 'access_method',
          id: makeId('access_method', r.name),
          parent: null,
          comment: r.description,
          dependsOn: [],
          name: r.name,
          qname: r.qname,
          type: r.amtype === 'i' ? 'index' : 'table',
          handler: r.handler,
        },
        address('pg_am', r.oid),
      );
    }
  },
};
