import type { ObjectBase } from './base.js';

/**
 * A function or procedure. Its id carries the identity argument types
 * (`function:public.f(integer, text)`), so overloads are distinct objects.
 */
export interface FunctionObject extends ObjectBase {
  kind: 'function';
  schema: string;
  name: string;
  /** Quoted qualified name. */
  qname: string;
  routine: 'function' | 'procedure' | 'aggregate';
  /** `qname(identity arguments)`, as DROP, COMMENT and GRANT name it. */
  signature: string;
  /** pg_get_function_arguments: names, modes, types and defaults. */
  arguments: string;
  /** pg_get_function_result (null for a procedure). */
  result: string | null;
  /**
   * pg_get_functiondef: a complete CREATE OR REPLACE statement, body and every attribute;
   * for an aggregate, CREATE AGGREGATE with every option spelt out.
   */
  definition: string;
}
