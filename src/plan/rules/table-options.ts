/**
 * Table and column physical options: storage parameters, access method, and a
 * column's storage, compression and statistics target. Lock levels follow
 * PostgreSQL's ALTER TABLE: statistics and the vacuum/fillfactor parameters take
 * SHARE UPDATE EXCLUSIVE, the rest ACCESS EXCLUSIVE.
 */
import type { ColumnObject, TableObject } from '../../core/model/index.js';
import type { LockLevel, Statement } from '../types.js';
import { literal } from './sql.js';

/** Parameters ALTER TABLE SET/RESET changes under SHARE UPDATE EXCLUSIVE (AlterTableGetRelOptionsLockLevel). */
const LIGHT_PARAMETERS = /^(fillfactor|autovacuum_.*|toast_tuple_target|parallel_workers|vacuum_index_cleanup|vacuum_truncate|log_autovacuum_min_duration)$/;

function split(option: string): [string, string] {
  const i = option.indexOf('=');
  return i < 0 ? [option, ''] : [option.slice(0, i), option.slice(i + 1)];
}

const optionText = (option: string) => {
  const [k, v] = split(option);
  return /^[A-Za-z0-9_.]+$/.test(v) ? `${k}=${v}` : `${k}=${literal(v)}`;
};

/** ` USING am WITH (...)` for CREATE TABLE, after PARTITION BY. */
export function createTableOptions(t: TableObject): string {
  let s = '';
  if (t.accessMethod) s += ` USING ${t.accessMethod}`;
  if (t.options?.length) s += ` WITH (${t.options.map(optionText).join(', ')})`;
  return s;
}

export function alterTableOptions(a: TableObject, b: TableObject): Statement[] {
  const out: Statement[] = [];
  if ((a.accessMethod ?? 'heap') !== (b.accessMethod ?? 'heap')) {
    out.push({ sql: `ALTER TABLE ${b.qname} SET ACCESS METHOD ${b.accessMethod ?? 'heap'}`, hazards: ['table-rewrite', 'blocking-lock'] });
  }
  const before = new Map((a.options ?? []).map(split));
  const after = new Map((b.options ?? []).map(split));
  const set = (b.options ?? []).filter((o) => before.get(split(o)[0]) !== split(o)[1]);
  const reset = [...before.keys()].filter((k) => !after.has(k));
  const lock = (keys: string[]): LockLevel => (keys.every((k) => LIGHT_PARAMETERS.test(k)) ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE');
  if (set.length) out.push({ sql: `ALTER TABLE ${b.qname} SET (${set.map(optionText).join(', ')})`, lock: lock(set.map((o) => split(o)[0])) });
  if (reset.length) out.push({ sql: `ALTER TABLE ${b.qname} RESET (${reset.join(', ')})`, lock: lock(reset) });
  return out;
}

/** SET STORAGE / COMPRESSION / STATISTICS turning column `a` (undefined: just created, all defaults) into `b`. */
export function columnSettings(b: ColumnObject, a?: ColumnObject): Statement[] {
  const t = `ALTER TABLE ${b.table} ALTER COLUMN ${b.qname}`;
  const out: Statement[] = [];
  if (a?.storage !== b.storage) out.push({ sql: `${t} SET STORAGE ${(b.storage ?? 'default').toUpperCase()}` });
  if (a?.compression !== b.compression) out.push({ sql: `${t} SET COMPRESSION ${b.compression ?? 'default'}` });
  if (a?.statistics !== b.statistics) out.push({ sql: `${t} SET STATISTICS ${b.statistics ?? -1}`, lock: 'SHARE UPDATE EXCLUSIVE' });
  return out;
}
