import type { ObjectBase } from './base.js';

/**
 * CREATE FOREIGN TABLE. Its columns are `column` objects (with `options`), its CHECK
 * constraints `constraint` objects, as for a table; the data lives on the server.
 */
export interface ForeignTableObject extends ObjectBase {
  kind: 'foreign_table';
  schema: string;
  name: string;
  qname: string;
  /** Quoted server name. */
  server: string;
  /** Generic options as `key=value`, sorted by key. */
  options: string[];
  /** For a partition of a partitioned table: the parent (quoted qualified) and the bound. */
  partitionOf: { parent: string; bound: string } | null;
  /** Plain inheritance parents (quoted qualified), in inhseqno order. */
  inherits: string[];
}
