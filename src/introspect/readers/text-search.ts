/** Text search parsers, templates, dictionaries and configurations (with their token mappings). */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader, type ReadContext, schemaObject } from '../context.js';
import { addOwner, describe, json, ownerName } from './owned.js';

const proc = (col: string) => `CASE WHEN ${col} <> 0 THEN ${col}::regproc::text END`;

export const tsParsersReader: KindReader = {
  name: 'text search parsers',
  sql: `
SELECT p.oid, n.nspname AS schema, p.prsname AS name, ${qualified('n.nspname', 'p.prsname')} AS qname,
       ${proc('p.prsstart')} AS start, ${proc('p.prstoken')} AS gettoken, ${proc('p.prsend')} AS "end",
       ${proc('p.prslextype')} AS lextypes, ${proc('p.prsheadline')} AS headline, ${describe('pg_ts_parser', 'p.oid')} AS description
FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_ts_parser', r.oid)) continue;
      ctx.add(
        {
          ...schemaObject('ts_parser', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          start: r.start,
          gettoken: r.gettoken,
          end: r.end,
          lextypes: r.lextypes,
          headline: r.headline ?? null,
        },
        address('pg_ts_parser', r.oid),
      );
    }
  },
};

export const tsTemplatesReader: KindReader = {
  name: 'text search templates',
  sql: `
SELECT t.oid, n.nspname AS schema, t.tmplname AS name, ${qualified('n.nspname', 't.tmplname')} AS qname,
       ${proc('t.tmplinit')} AS init, ${proc('t.tmpllexize')} AS lexize, ${describe('pg_ts_template', 't.oid')} AS description
FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_ts_template', r.oid)) continue;
      ctx.add(
        {
          ...schemaObject('ts_template', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          init: r.init ?? null,
          lexize: r.lexize,
        },
        address('pg_ts_template', r.oid),
      );
    }
  },
};

/**
 * dictinitoption as the server writes it (serialize_deflist): `key = 'value', ...`,
 * the key as quote_identifier spells it, the value always quoted, E'' when it holds a
 * backslash. Returns `key=value` pairs, unquoted, sorted by key.
 */
export function parseDictOptions(text: string | null): string[] {
  const out: [string, string][] = [];
  if (!text) return [];
  let i = 0;
  const fail = (): never => {
    throw new Error(`unexpected text search dictionary options: ${text}`);
  };
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  while (i < text.length) {
    skip();
    let key = '';
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') (key += '"'), i++;
        else if (text[i] === '"') break;
        else key += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ' ' && text[i] !== '=') key += text[i++];
    }
    skip();
    if (text[i] !== '=') fail();
    i++;
    skip();
    const escaped = text[i] === 'E';
    if (escaped) i++;
    if (text[i] !== "'") fail();
    let value = '';
    for (i++; ; i++) {
      if (i >= text.length) fail();
      const c = text[i];
      if (c === "'" && text[i + 1] === "'") (value += "'"), i++;
      else if (c === "'") break;
      else if (escaped && c === '\\') value += text[++i];
      else value += c;
    }
    i++;
    out.push([key, value]);
    skip();
    if (i < text.length) {
      if (text[i] !== ',') fail();
      i++;
    }
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
}

export const tsDictionariesReader: KindReader = {
  name: 'text search dictionaries',
  sql: `
SELECT d.oid, n.nspname AS schema, d.dictname AS name, ${qualified('n.nspname', 'd.dictname')} AS qname,
       ${qualified('tn.nspname', 't.tmplname')} AS template, d.dictinitoption AS options, ${ownerName('d.dictowner')} AS owner,
       ${describe('pg_ts_dict', 'd.oid')} AS description
FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_ts_dict', r.oid)) continue;
      const id = makeId('ts_dictionary', r.schema, r.name);
      ctx.add(
        {
          ...schemaObject('ts_dictionary', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          template: r.template,
          options: parseDictOptions(r.options),
        },
        address('pg_ts_dict', r.oid),
      );
      addOwner(ctx, id, `TEXT SEARCH DICTIONARY ${r.qname}`, r.owner);
    }
  },
};

export const tsConfigurationsReader: KindReader = {
  name: 'text search configurations',
  sql: `
SELECT c.oid, n.nspname AS schema, c.cfgname AS name, ${qualified('n.nspname', 'c.cfgname')} AS qname,
       ${qualified('pn.nspname', 'p.prsname')} AS parser, ${ownerName('c.cfgowner')} AS owner,
       ${describe('pg_ts_config', 'c.oid')} AS description,
       (SELECT json_agg(json_build_object('token', m.alias, 'dictionaries', m.dicts) ORDER BY m.alias)
          FROM (SELECT t.alias, array_agg(${qualified('dn.nspname', 'dd.dictname')} ORDER BY cm.mapseqno) AS dicts
                  FROM pg_ts_config_map cm
                  JOIN ts_token_type(c.cfgparser) t ON t.tokid = cm.maptokentype
                  JOIN pg_ts_dict dd ON dd.oid = cm.mapdict JOIN pg_namespace dn ON dn.oid = dd.dictnamespace
                 WHERE cm.mapcfg = c.oid GROUP BY t.alias) m) AS mappings
FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx: ReadContext) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_ts_config', r.oid)) continue;
      const id = makeId('ts_configuration', r.schema, r.name);
      ctx.add(
        {
          ...schemaObject('ts_configuration', r),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          parser: r.parser,
          mappings: json<{ token: string; dictionaries: string[] }[]>(r.mappings, []),
        },
        address('pg_ts_config', r.oid),
      );
      addOwner(ctx, id, `TEXT SEARCH CONFIGURATION ${r.qname}`, r.owner);
    }
  },
};
