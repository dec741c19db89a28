import type { ObjectBase } from './base.js';

/** Options shared by sequences and identity columns. Numbers are strings (int8 range). */
export interface SequenceOptions {
  /** smallint | integer | bigint */
  dataType: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface SequenceObject extends ObjectBase, SequenceOptions {
  kind: 'sequence';
  schema: string;
  name: string;
  qname: string;
  unlogged: boolean;
}

/**
 * `ALTER SEQUENCE ... OWNED BY table.column`, kept apart from the sequence so the
 * sequence can exist before the column whose default uses it, and the link is
 * made once both exist.
 */
export interface SequenceOwnerObject extends ObjectBase {
  kind: 'sequence_owner';
  /** Quoted qualified sequence name. */
  sequence: string;
  /** Quoted qualified table name and quoted column name. */
  table: string;
  column: string;
}
