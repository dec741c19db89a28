import type { FunctionObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

const kw = (f: FunctionObject) => (f.routine === 'procedure' ? 'PROCEDURE' : 'FUNCTION');

export const functionRules: KindRules<FunctionObject> = {
  kind: 'function',
  // After tables and views when nothing orders them: a LANGUAGE sql body is checked at
  // creation, and pg_depend records nothing for the relations a string body names.
  order: 10,
  // A SQL-standard body (BEGIN ATOMIC / RETURN) holds parsed references to columns.
  recreateOnDependencyChange: true,
  create: (f) => [{ sql: f.definition, lock: 'none' }, ...createComment(`${kw(f)} ${f.signature}`, f.comment)],
  drop: (f) => [{ sql: `DROP ${kw(f)} ${f.signature}`, lock: 'none' }],
  alter(a, b) {
    // OR REPLACE cannot change the return type, parameter names or modes, or remove defaults.
    if (a.routine !== b.routine || a.arguments !== b.arguments || a.result !== b.result) return null;
    const out: Statement[] = [];
    if (a.definition !== b.definition) out.push({ sql: b.definition, lock: 'none' });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`${kw(b)} ${b.signature}`, b.comment), lock: 'none' });
    return out;
  },
};
