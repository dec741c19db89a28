import type { LanguageObject, TransformObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

const languageSql = (l: LanguageObject, replace: boolean): Statement => ({
  sql: `CREATE ${replace ? 'OR REPLACE ' : ''}${l.trusted ? 'TRUSTED ' : ''}LANGUAGE ${l.qname} HANDLER ${l.handler}${l.inline ? ` INLINE ${l.inline}` : ''}${l.validator ? ` VALIDATOR ${l.validator}` : ''}`,
  lock: 'none',
});

/** CREATE OR REPLACE LANGUAGE sets trust and every handler; functions written in it are untouched. */
export const languageRules: KindRules<LanguageObject> = {
  kind: 'language',
  order: 10.05,
  create: (l) => [languageSql(l, false), ...createComment(`LANGUAGE ${l.qname}`, l.comment)],
  drop: (l) => [{ sql: `DROP LANGUAGE ${l.qname}`, lock: 'none' }],
  alter(a, b) {
    const out: Statement[] = [];
    if (a.trusted !== b.trusted || a.handler !== b.handler || a.inline !== b.inline || a.validator !== b.validator) out.push(languageSql(b, true));
    if (a.comment !== b.comment) out.push({ sql: commentOn(`LANGUAGE ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

const transformName = (t: TransformObject) => `TRANSFORM FOR ${t.type} LANGUAGE ${t.language}`;
const transformSql = (t: TransformObject, replace: boolean): Statement => ({
  sql: `CREATE ${replace ? 'OR REPLACE ' : ''}${transformName(t)} (${[
    ...(t.fromSql ? [`FROM SQL WITH FUNCTION ${t.fromSql}`] : []),
    ...(t.toSql ? [`TO SQL WITH FUNCTION ${t.toSql}`] : []),
  ].join(', ')})`,
  lock: 'none',
});

/** CREATE OR REPLACE TRANSFORM sets both functions. */
export const transformRules: KindRules<TransformObject> = {
  kind: 'transform',
  order: 10.1,
  create: (t) => [transformSql(t, false), ...createComment(transformName(t), t.comment)],
  drop: (t) => [{ sql: `DROP ${transformName(t)}`, lock: 'none' }],
  alter(a, b) {
    const out: Statement[] = [];
    if (a.fromSql !== b.fromSql || a.toSql !== b.toSql) out.push(transformSql(b, true));
    if (a.comment !== b.comment) out.push({ sql: commentOn(transformName(b), b.comment), lock: 'none' });
    return out;
  },
};
