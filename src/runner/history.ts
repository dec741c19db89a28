/**
 * The history table `strata.schema_migrations`: one row per applied migration.
 * A row with `dirty = true` is a migration that ran outside a transaction and
 * did not finish (or is running right now under the advisory lock).
 */
import type { Connection, Transaction } from '@databases/pg';
import { sql } from '../db/connect.js';

export const HISTORY_SCHEMA = 'strata';
export const HISTORY_TABLE = 'schema_migrations';

export interface HistoryRow {
  version: string;
  name: string;
  checksum: string;
  appliedAt: string;
  executionMs: number;
  appliedBy: string;
  dirty: boolean;
}

type Db = Connection | Transaction;

export async function ensureHistoryTable(db: Db): Promise<void> {
  await db.query(sql`
    CREATE SCHEMA IF NOT EXISTS strata;
    CREATE TABLE IF NOT EXISTS strata.schema_migrations (
      version bigint PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      execution_ms integer NOT NULL DEFAULT 0,
      applied_by text NOT NULL DEFAULT current_user,
      dirty boolean NOT NULL DEFAULT false
    );
    COMMENT ON TABLE strata.schema_migrations IS 'Applied migrations, written by strata migrate';
  `);
}

/** History rows in version order; empty when the table does not exist yet. */
export async function readHistory(db: Db): Promise<HistoryRow[]> {
  const [exists] = await db.query(sql`SELECT to_regclass('strata.schema_migrations') IS NOT NULL AS ok`);
  if (!exists.ok) return [];
  const rows = await db.query(sql`
    SELECT version::text AS version, name, checksum,
           to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS applied_at,
           execution_ms, applied_by, dirty
    FROM strata.schema_migrations ORDER BY version`);
  return rows.map((r) => ({
    version: r.version as string,
    name: r.name as string,
    checksum: r.checksum as string,
    appliedAt: r.applied_at as string,
    executionMs: Number(r.execution_ms),
    appliedBy: r.applied_by as string,
    dirty: r.dirty as boolean,
  }));
}

export async function insertHistory(
  db: Db,
  row: { version: string; name: string; checksum: string; executionMs: number; appliedBy: string; dirty: boolean },
): Promise<void> {
  await db.query(sql`
    INSERT INTO strata.schema_migrations (version, name, checksum, execution_ms, applied_by, dirty)
    VALUES (${row.version}::bigint, ${row.name}, ${row.checksum}, ${row.executionMs}, ${row.appliedBy}, ${row.dirty})`);
}

export async function finishHistory(db: Db, version: string, executionMs: number): Promise<void> {
  await db.query(sql`
    UPDATE strata.schema_migrations SET dirty = false, execution_ms = ${executionMs}, applied_at = now()
    WHERE version = ${version}::bigint`);
}

export async function markDirty(db: Db, version: string): Promise<void> {
  await db.query(sql`UPDATE strata.schema_migrations SET dirty = true WHERE version = ${version}::bigint`);
}

export async function deleteHistory(db: Db, version: string): Promise<void> {
  await db.query(sql`DELETE FROM strata.schema_migrations WHERE version = ${version}::bigint`);
}

export async function setChecksum(db: Db, version: string, checksum: string, name: string): Promise<void> {
  await db.query(sql`
    UPDATE strata.schema_migrations SET checksum = ${checksum}, name = ${name} WHERE version = ${version}::bigint`);
}
