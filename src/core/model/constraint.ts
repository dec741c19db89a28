import type { ObjectBase } from './base.js';

export type ConstraintType = 'primary key' | 'unique' | 'foreign key' | 'check' | 'exclude' | 'trigger';

export interface ConstraintObject extends ObjectBase {
  kind: 'constraint';
  /** Quoted qualified table name. */
  table: string;
  name: string;
  qname: string;
  type: ConstraintType;
  /** pg_get_constraintdef text without a trailing NOT VALID. */
  definition: string;
  validated: boolean;
}

export interface IndexObject extends ObjectBase {
  kind: 'index';
  schema: string;
  name: string;
  qname: string;
  /** Quoted qualified table name. */
  table: string;
  /** pg_get_indexdef text: method, uniqueness, keys, opclasses, order, INCLUDE, WHERE. */
  definition: string;
}
