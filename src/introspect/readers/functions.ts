/**
 * Functions, procedures and aggregates. pg_get_functiondef is the compared text: it
 * carries the body and every attribute CREATE OR REPLACE sets. It refuses aggregates,
 * whose CREATE AGGREGATE is put together from pg_aggregate with every option spelt out.
 */
import { formatId } from '../../core/ids.js';
import type { FunctionObject } from '../../core/model/index.js';
import { address, qualified, schemaObject, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

const proc = (col: string) => `CASE WHEN ${col} <> 0 THEN ${col}::regproc::text END`;
const modify = (col: string) => `CASE ${col} WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END`;
const AGGREGATE_DEF = `'CREATE AGGREGATE ' || ${qualified('n.nspname', 'p.proname')}
  || '(' || coalesce(nullif(pg_get_function_arguments(p.oid), ''), '*') || ') (' || concat_ws(', ',
    'SFUNC = ' || a.aggtransfn::regproc::text,
    'STYPE = ' || format_type(a.aggtranstype, NULL),
    CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
    'FINALFUNC = ' || ${proc('a.aggfinalfn')},
    CASE WHEN a.aggfinalfn <> 0 AND a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
    CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC_MODIFY = ' || ${modify('a.aggfinalmodify')} END,
    'COMBINEFUNC = ' || ${proc('a.aggcombinefn')},
    'SERIALFUNC = ' || ${proc('a.aggserialfn')},
    'DESERIALFUNC = ' || ${proc('a.aggdeserialfn')},
    'INITCOND = ' || quote_literal(a.agginitval),
    'MSFUNC = ' || ${proc('a.aggmtransfn')},
    'MINVFUNC = ' || ${proc('a.aggminvtransfn')},
    CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
    CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
    'MFINALFUNC = ' || ${proc('a.aggmfinalfn')},
    CASE WHEN a.aggmfinalfn <> 0 AND a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
    CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC_MODIFY = ' || ${modify('a.aggmfinalmodify')} END,
    'MINITCOND = ' || quote_literal(a.aggminitval),
    CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = ' || (SELECT 'OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')'
      FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = a.aggsortop) END,
    CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END,
    CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END) || ')'`;

export const functionsReader: KindReader = {
  name: 'functions',
  sql: `
SELECT p.oid, n.nspname AS schema, p.proname AS name, ${qualified('n.nspname', 'p.proname')} AS qname, p.prokind,
       oidvectortypes(p.proargtypes) AS argtypes, pg_get_function_identity_arguments(p.oid) AS identity,
       pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
       CASE WHEN p.prokind = 'a' THEN ${AGGREGATE_DEF} ELSE pg_get_functiondef(p.oid) END AS def, d.description,
       CASE WHEN l.lanname = 'sql' AND p.prosqlbody IS NULL THEN p.prosrc END AS sql_text
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
LEFT JOIN pg_description d ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid AND d.objsubid = 0
WHERE p.prokind IN ('f', 'p', 'w', 'a') AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  -- Functions internal to another object (a range type's constructors) come and go with it.
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'i')`,
  read(rows, ctx) {
    const byName = new Map<string, FunctionObject[]>();
    const textBodies: { f: FunctionObject; text: string }[] = [];
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_proc', r.oid)) continue;
      const procedure = r.prokind === 'p';
      const routine = procedure ? 'procedure' : r.prokind === 'a' ? 'aggregate' : 'function';
      const f: FunctionObject = {
        ...schemaObject('function', r, [], formatId({ kind: 'function', parts: [r.schema, r.name], args: r.argtypes })),
        schema: r.schema,
        name: r.name,
        qname: r.qname,
        routine,
        signature: `${r.qname}(${r.identity})`,
        arguments: r.args,
        result: procedure ? null : r.result,
        definition: String(r.def).trimEnd(),
      };
      ctx.add(f, address('pg_proc', r.oid));
      for (const key of [r.name, `${r.schema}.${r.name}`]) {
        let l = byName.get(key);
        if (!l) byName.set(key, (l = []));
        l.push(f);
      }
      if (r.sql_text) textBodies.push({ f, text: r.sql_text });
    }
    // A LANGUAGE sql body given as a string is checked when the function is created, yet
    // pg_depend records nothing for it: the functions it calls are found by name.
    for (const { f, text } of textBodies) {
      for (const m of text.matchAll(CALL)) {
        const name = m[1] ? `${unquote(m[1])}.${unquote(m[2]!)}` : unquote(m[2]!);
        for (const g of byName.get(name) ?? []) if (g !== f) f.dependsOn.push(g.id);
      }
    }
  },
};

/** `name(` or `schema.name(`, each part bare or double-quoted. */
const CALL = /(?:("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\.\s*)?("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\(/g;
const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase());
