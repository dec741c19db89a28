import type {
  TextSearchConfigurationObject,
  TextSearchDictionaryObject,
  TextSearchParserObject,
  TextSearchTemplateObject,
} from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment, literal, quoteIdent } from './sql.js';

const commentAlter = (target: string, a: { comment: string | null }, b: { comment: string | null }): Statement[] =>
  a.comment === b.comment ? [] : [{ sql: commentOn(target, b.comment), lock: 'none' }];

/** Parsers and templates have no ALTER: a changed function is a new object. Catalog-only DDL: no table locks. */
export const tsParserRules: KindRules<TextSearchParserObject> = {
  kind: 'ts_parser',
  order: 10.9,
  create: (p) => [
    {
      sql: `CREATE TEXT SEARCH PARSER ${p.qname} (START = ${p.start}, GETTOKEN = ${p.gettoken}, END = ${p.end}, LEXTYPES = ${p.lextypes}${p.headline ? `, HEADLINE = ${p.headline}` : ''})`,
      lock: 'none',
    },
    ...createComment(`TEXT SEARCH PARSER ${p.qname}`, p.comment),
  ],
  drop: (p) => [{ sql: `DROP TEXT SEARCH PARSER ${p.qname}`, lock: 'none' }],
  alter(a, b) {
    if (a.start !== b.start || a.gettoken !== b.gettoken || a.end !== b.end || a.lextypes !== b.lextypes || a.headline !== b.headline) return null;
    return commentAlter(`TEXT SEARCH PARSER ${b.qname}`, a, b);
  },
};

export const tsTemplateRules: KindRules<TextSearchTemplateObject> = {
  kind: 'ts_template',
  order: 10.91,
  create: (t) => [
    { sql: `CREATE TEXT SEARCH TEMPLATE ${t.qname} (${t.init ? `INIT = ${t.init}, ` : ''}LEXIZE = ${t.lexize})`, lock: 'none' },
    ...createComment(`TEXT SEARCH TEMPLATE ${t.qname}`, t.comment),
  ],
  drop: (t) => [{ sql: `DROP TEXT SEARCH TEMPLATE ${t.qname}`, lock: 'none' }],
  alter(a, b) {
    if (a.init !== b.init || a.lexize !== b.lexize) return null;
    return commentAlter(`TEXT SEARCH TEMPLATE ${b.qname}`, a, b);
  },
};

function split(option: string): [string, string] {
  const i = option.indexOf('=');
  return [option.slice(0, i), option.slice(i + 1)];
}
const optionSql = (o: string) => `${quoteIdent(split(o)[0])} = ${literal(split(o)[1])}`;

/** Options change in place (ALTER ... (k = 'v', removed_key)); another template is a new dictionary. */
export const tsDictionaryRules: KindRules<TextSearchDictionaryObject> = {
  kind: 'ts_dictionary',
  order: 10.92,
  create: (d) => [
    { sql: `CREATE TEXT SEARCH DICTIONARY ${d.qname} (TEMPLATE = ${d.template}${d.options.map((o) => `, ${optionSql(o)}`).join('')})`, lock: 'none' },
    ...createComment(`TEXT SEARCH DICTIONARY ${d.qname}`, d.comment),
  ],
  drop: (d) => [{ sql: `DROP TEXT SEARCH DICTIONARY ${d.qname}`, lock: 'none' }],
  alter(a, b) {
    if (a.template !== b.template) return null;
    const before = new Map(a.options.map(split));
    const after = new Map(b.options.map(split));
    const parts = [
      ...[...before.keys()].filter((k) => !after.has(k)).map(quoteIdent),
      ...b.options.filter((o) => before.get(split(o)[0]) !== split(o)[1]).map(optionSql),
    ];
    const out: Statement[] = [];
    if (parts.length)
      out.push({
        sql: `ALTER TEXT SEARCH DICTIONARY ${b.qname} (${parts.join(', ')})`,
        lock: 'none',
        note: 'tsvector values already stored (columns, indexes) are not recomputed',
      });
    return [...out, ...commentAlter(`TEXT SEARCH DICTIONARY ${b.qname}`, a, b)];
  },
};

type Mapping = TextSearchConfigurationObject['mappings'][number];

/** `FOR t1, t2 WITH d1, d2` statements, one per distinct dictionary list, tokens in their order. */
function grouped(mappings: Mapping[], verb: string, qname: string): Statement[] {
  const byList = new Map<string, string[]>();
  for (const m of mappings) {
    const key = m.dictionaries.join(', ');
    byList.set(key, [...(byList.get(key) ?? []), m.token]);
  }
  return [...byList].map(([dicts, tokens]) => ({
    sql: `ALTER TEXT SEARCH CONFIGURATION ${qname} ${verb} MAPPING FOR ${tokens.map(quoteIdent).join(', ')} WITH ${dicts}`,
    lock: 'none' as const,
  }));
}

/** Mappings change in place (ADD/ALTER/DROP MAPPING); another parser is a new configuration. */
export const tsConfigurationRules: KindRules<TextSearchConfigurationObject> = {
  kind: 'ts_configuration',
  order: 10.93,
  create: (c) => [
    { sql: `CREATE TEXT SEARCH CONFIGURATION ${c.qname} (PARSER = ${c.parser})`, lock: 'none' },
    ...grouped(c.mappings, 'ADD', c.qname),
    ...createComment(`TEXT SEARCH CONFIGURATION ${c.qname}`, c.comment),
  ],
  drop: (c) => [{ sql: `DROP TEXT SEARCH CONFIGURATION ${c.qname}`, lock: 'none' }],
  alter(a, b) {
    if (a.parser !== b.parser) return null;
    const before = new Map(a.mappings.map((m) => [m.token, m.dictionaries.join(', ')]));
    const after = new Set(b.mappings.map((m) => m.token));
    const dropped = a.mappings.filter((m) => !after.has(m.token)).map((m) => m.token);
    const out: Statement[] = [];
    if (dropped.length)
      out.push({ sql: `ALTER TEXT SEARCH CONFIGURATION ${b.qname} DROP MAPPING FOR ${dropped.map(quoteIdent).join(', ')}`, lock: 'none' });
    out.push(...grouped(b.mappings.filter((m) => !before.has(m.token)), 'ADD', b.qname));
    out.push(...grouped(b.mappings.filter((m) => before.has(m.token) && before.get(m.token) !== m.dictionaries.join(', ')), 'ALTER', b.qname));
    const note = 'tsvector values already stored (columns, indexes) are not recomputed';
    return [...out.map((s) => ({ ...s, note })), ...commentAlter(`TEXT SEARCH CONFIGURATION ${b.qname}`, a, b)];
  },
};
