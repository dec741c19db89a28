/**
 * Functions and procedures (aggregates are not read yet). pg_get_functiondef is
 * the compared text: it carries the body and every attribute CREATE OR REPLACE sets.
 */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

export const functionsReader: KindReader = {
  name: 'functions',
  sql: `
SELECT p.oid, n.nspname AS schema, p.proname AS name, ${qualified('n.nspname', 'p.proname')} AS qname, p.prokind,
       oidvectortypes(p.proargtypes) AS argtypes, pg_get_function_identity_arguments(p.oid) AS identity,
       pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
       pg_get_functiondef(p.oid) AS def, d.description
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid AND d.objsubid = 0
WHERE p.prokind IN ('f', 'p', 'w') AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_proc', r.oid)) continue;
      const procedure = r.prokind === 'p';
      ctx.add(
        {
          kind: 'function',
          id: `${makeId('function', r.schema, r.name)}(${r.argtypes})`,
          parent: null,
          comment: r.description,
          dependsOn: [makeId('schema', r.schema)],
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          routine: procedure ? 'procedure' : 'function',
          signature: `${r.qname}(${r.identity})`,
          arguments: r.args,
          result: procedure ? null : r.result,
          definition: String(r.def).trimEnd(),
        },
        address('pg_proc', r.oid),
      );
    }
  },
};
