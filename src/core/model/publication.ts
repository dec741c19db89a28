import type { ObjectBase } from './base.js';

/** A logical replication publication; its single tables are `publication_table` objects. */
export interface PublicationObject extends ObjectBase {
  kind: 'publication';
  name: string;
  qname: string;
  /** FOR ALL TABLES. */
  allTables: boolean;
  /** FOR TABLES IN SCHEMA: quoted schema names, sorted. */
  schemas: string[];
  /** The publish option: the operations it replicates, in PostgreSQL's order (insert, update, delete, truncate). */
  publish: string[];
  viaRoot: boolean;
  /** publish_generated_columns (PostgreSQL 18+): 'none' | 'stored'; null on servers without it. */
  generatedColumns: string | null;
}

/** One `FOR TABLE` entry of a publication, with its column list and row filter. */
export interface PublicationTableObject extends ObjectBase {
  kind: 'publication_table';
  /** Quoted publication name. */
  publication: string;
  /** Quoted qualified table name. */
  table: string;
  /** Quoted column names in table order; null for all columns. */
  columns: string[] | null;
  /** pg_get_expr of the row filter; null for none. */
  where: string | null;
}
