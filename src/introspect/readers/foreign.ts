/** Foreign-data wrappers and servers. */
import { makeId } from '../../core/ids.js';
import { isSecretOption, SECRET_VALUE } from '../../core/secrets.js';
import { address, type KindReader } from '../context.js';

export const sortedOptions = (o: string[] | null) => (o ?? []).slice().sort((a, b) => {
  const [ka, kb] = [a.split('=')[0]!, b.split('=')[0]!];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
});

/** `k=v` sorted, a secret option's value replaced (src/core/secrets.ts): servers and user mappings. */
export function redactOptions(options: string[] | null): string[] {
  return sortedOptions(options).map((o) => {
    const i = o.indexOf('=');
    const k = i < 0 ? o : o.slice(0, i);
    return isSecretOption(k) ? `${k}=${SECRET_VALUE}` : o;
  });
}

export const foreignDataWrappersReader: KindReader = {
  name: 'foreign data wrappers',
  sql: `
SELECT w.oid, w.fdwname AS name, quote_ident(w.fdwname) AS qname,
       CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END AS handler,
       CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END AS validator,
       w.fdwoptions AS options, d.description
FROM pg_foreign_data_wrapper w
LEFT JOIN pg_description d ON d.classoid = 'pg_foreign_data_wrapper'::regclass AND d.objoid = w.oid AND d.objsubid = 0`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_foreign_data_wrapper', r.oid)) continue;
      ctx.add(
        {
          kind: 'foreign_data_wrapper',
          id: makeId('foreign_data_wrapper', r.name),
          parent: null,
          comment: r.description,
          dependsOn: [],
          name: r.name,
          qname: r.qname,
          handler: r.handler ?? null,
          validator: r.validator ?? null,
          options: sortedOptions(r.options),
        },
        address('pg_foreign_data_wrapper', r.oid),
      );
    }
  },
};

export const foreignServersReader: KindReader = {
  name: 'foreign servers',
  sql: `
SELECT s.oid, s.srvname AS name, quote_ident(s.srvname) AS qname, quote_ident(w.fdwname) AS wrapper,
       s.srvtype AS type, s.srvversion AS version, s.srvoptions AS options, d.description
FROM pg_foreign_server s
JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
LEFT JOIN pg_description d ON d.classoid = 'pg_foreign_server'::regclass AND d.objoid = s.oid AND d.objsubid = 0`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_foreign_server', r.oid)) continue;
      ctx.add(
        {
          kind: 'foreign_server',
          id: makeId('foreign_server', r.name),
          parent: null,
          comment: r.description,
          dependsOn: [],
          name: r.name,
          qname: r.qname,
          wrapper: r.wrapper,
          type: r.type ?? null,
          version: r.version ?? null,
          options: redactOptions(r.options),
        },
        address('pg_foreign_server', r.oid),
      );
    }
  },
};
