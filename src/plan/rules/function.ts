import type { FunctionObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

const kw = (f: FunctionObject) => f.routine.toUpperCase();

/** `name(*)` for an aggregate over no arguments; DROP and COMMENT want it that way. */
const target = (f: FunctionObject) => `${kw(f)} ${f.routine === 'aggregate' ? f.signature.replace(/\(\)$/, '(*)') : f.signature}`;

export const functionRules: KindRules<FunctionObject> = {
  kind: 'function',
  // After tables and views when nothing orders them: a LANGUAGE sql body is checked at
  // creation, and pg_depend records nothing for the relations a string body names.
  order: 10,
  // A SQL-standard body (BEGIN ATOMIC / RETURN) holds parsed references to columns.
  recreateOnDependencyChange: true,
  create: (f) => [{ sql: f.definition, lock: 'none' }, ...createComment(target(f), f.comment)],
  drop: (f) => [{ sql: `DROP ${target(f)}`, lock: 'none' }],
  alter(a, b) {
    // OR REPLACE cannot change the return type, parameter names or modes, or remove defaults.
    if (a.routine !== b.routine || a.arguments !== b.arguments || a.result !== b.result) return null;
    const out: Statement[] = [];
    if (a.definition !== b.definition) {
      out.push({ sql: b.routine === 'aggregate' ? b.definition.replace(/^CREATE AGGREGATE /, 'CREATE OR REPLACE AGGREGATE ') : b.definition, lock: 'none' });
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(target(b), b.comment), lock: 'none' });
    return out;
  },
};
