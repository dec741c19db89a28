/**
 * The narrow I/O interface every database-touching stage takes. Pure stages
 * never see it; tests hand in a real connection.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Rows in batches through a cursor, when the connection can: large results never sit in memory whole. */
  batches?<Row = Record<string, unknown>>(sql: string, size: number): AsyncIterable<Row[]>;
}
