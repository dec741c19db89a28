import type { ObjectBase } from './base.js';

/** An extended statistics object (CREATE STATISTICS); its parent is the table it is on. */
export interface StatisticsObject extends ObjectBase {
  kind: 'statistics';
  schema: string;
  name: string;
  qname: string;
  /** Quoted qualified table name. */
  table: string;
  /** pg_get_statisticsobjdef: kinds, columns and expressions. */
  definition: string;
  /** ALTER STATISTICS ... SET STATISTICS target; null for the default. */
  target: number | null;
}
