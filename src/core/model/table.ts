import type { ObjectBase } from './base.js';
import type { SequenceOptions } from './sequence.js';

export interface TableObject extends ObjectBase {
  kind: 'table';
  schema: string;
  name: string;
  qname: string;
  unlogged: boolean;
  /** pg_get_partkeydef text (`RANGE (created_at)`) for a partitioned table. */
  partitionKey: string | null;
  /** For a partition: the parent (quoted qualified) and pg_get_expr of the bound. */
  partitionOf: { parent: string; bound: string } | null;
  /** Plain inheritance parents (quoted qualified), in inhseqno order. */
  inherits: string[];
  /** Storage parameters (`fillfactor=70`), sorted; absent when none. */
  options?: string[];
  /** Table access method when not the default `heap`; absent otherwise. */
  accessMethod?: string;
}

export interface ColumnObject extends ObjectBase {
  kind: 'column';
  /** Quoted qualified table name. */
  table: string;
  name: string;
  qname: string;
  /** 1-based order among the table's live columns; layout, not compared. */
  position: number;
  /** format_type(atttypid, atttypmod). */
  type: string;
  /** Quoted qualified collation when it differs from the type's default. */
  collation: string | null;
  /** pg_get_expr of the default; null when none (or when generated). */
  default: string | null;
  notNull: boolean;
  identity: null | ({ generation: 'always' | 'by default' } & Omit<SequenceOptions, 'dataType'>);
  generated: null | { expression: string; stored: boolean };
  /** SET STORAGE, when it differs from the type's default; absent otherwise. */
  storage?: 'plain' | 'external' | 'extended' | 'main';
  /** SET COMPRESSION, when set; absent for the server default. */
  compression?: string;
  /** SET STATISTICS target, when set; absent for the default. */
  statistics?: number;
  /** A foreign table's column options (`column_name=id`), sorted by key; absent when none. */
  options?: string[];
}
