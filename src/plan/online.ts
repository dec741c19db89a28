/**
 * The online form of a plan (pure): the same changes, spelled so that no statement
 * holds a lock that blocks reads or writes for longer than a catalog update while
 * production keeps running. Applied after planning, step by step:
 *   - an index on a table that already exists: CREATE INDEX CONCURRENTLY (and DROP
 *     INDEX CONCURRENTLY), outside any transaction;
 *   - a FOREIGN KEY or CHECK on an existing table: ADD ... NOT VALID (brief lock),
 *     then VALIDATE CONSTRAINT on its own (SHARE UPDATE EXCLUSIVE: reads and writes go on);
 *   - SET NOT NULL (and a new NOT NULL column with a default) on an existing table:
 *     CHECK (col IS NOT NULL) NOT VALID, VALIDATE, then SET NOT NULL, which PG 12+
 *     proves from the valid CHECK without a scan, then the CHECK is dropped;
 *   - a widening type change of a plain column (nothing depends on it, no default,
 *     no other trigger on the table): a new column kept in sync by a trigger, a
 *     backfill in batches each committed by itself, then a swap in one short
 *     statement. Anything else keeps the rewrite under ACCESS EXCLUSIVE.
 * Steps that must run on their own are `transactional: false`. `onlinePhases` splits
 * the result into a transactional migration and a non-transactional one after it.
 * Tables created or partitioned are left alone: a new table is empty, and
 * PostgreSQL builds no index concurrently on a partitioned table.
 */
import type { ColumnObject, ConstraintObject, IndexObject, Snapshot, TableObject } from '../core/model/index.js';
import { columnDefinition } from './rules/column.js';
import { quoteIdent } from './rules/sql.js';
import { indexSnapshot } from './snapshot-index.js';
import type { PlanStep, SnapshotIndex } from './types.js';

/** Bytes PostgreSQL keeps of an identifier. */
const NAMEDATALEN = 63;

/** The helper CHECK that proves a column NOT NULL before SET NOT NULL. */
export function notNullCheckName(column: string): string {
  const bytes = (x: string) => new TextEncoder().encode(x).length;
  let col = column;
  while (bytes(`${col}_strata_nn`) > NAMEDATALEN) col = [...col].slice(0, -1).join('');
  return `${col}_strata_nn`;
}

export function onlineSteps(steps: readonly PlanStep[], from: Snapshot, to: Snapshot): PlanStep[] {
  const f = indexSnapshot(from);
  const t = indexSnapshot(to);
  const created = new Set(steps.filter((s) => s.op === 'create').map((s) => s.objectId));
  const dropped = new Set(steps.filter((s) => s.op === 'drop').map((s) => s.objectId));
  /** A plain table present before and after, not recreated by this plan. */
  const existing = (tableId: string | null): boolean => {
    if (!tableId || created.has(tableId) || dropped.has(tableId)) return false;
    const a = f.get(tableId);
    const b = t.get(tableId);
    return a?.kind === 'table' && b?.kind === 'table' && plain(a) && plain(b);
  };
  const version = to.serverVersion || from.serverVersion;
  return steps.flatMap((s) => rewrite(s, f, t, existing, version));
}

const plain = (x: TableObject) => !x.partitionKey && !x.partitionOf;

function rewrite(s: PlanStep, f: SnapshotIndex, t: SnapshotIndex, existing: (id: string | null) => boolean, version: number): PlanStep[] {
  const online = (sql: string, rest: Partial<PlanStep> = {}): PlanStep => ({ ...s, sql, hazards: [], note: undefined, ...rest });
  const alone = { transactional: false };
  if (s.kind === 'index') {
    const i = (s.op === 'drop' ? f : t).get(s.objectId) as IndexObject | undefined;
    if (!i || !existing(i.parent)) return [s];
    if (s.op === 'create' && s.sql === i.definition) {
      // IF NOT EXISTS makes a re-run a no-op once the index is valid; the runner drops an invalid leftover first.
      const sql = i.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY IF NOT EXISTS ');
      return [online(sql, { ...alone, hazards: ['index-build', 'non-transactional'], lock: 'SHARE UPDATE EXCLUSIVE', note: s.note })];
    }
    if (s.op === 'drop' && s.sql === `DROP INDEX ${i.qname}`) {
      return [online(`DROP INDEX CONCURRENTLY IF EXISTS ${i.qname}`, { ...alone, hazards: ['non-transactional'], lock: 'SHARE UPDATE EXCLUSIVE' })];
    }
    return [s];
  }
  if (s.kind === 'constraint' && s.op === 'create') {
    const c = t.get(s.objectId) as ConstraintObject | undefined;
    if (!c || !c.validated || (c.type !== 'foreign key' && c.type !== 'check') || !existing(c.parent)) return [s];
    if (s.sql !== `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.qname} ${c.definition}`) return [s];
    return [
      online(`${s.sql} NOT VALID`, { lock: c.type === 'foreign key' ? 'SHARE ROW EXCLUSIVE' : 'ACCESS EXCLUSIVE' }),
      online(`ALTER TABLE ${c.table} VALIDATE CONSTRAINT ${c.qname}`, { ...alone, hazards: ['validation-scan'], lock: 'SHARE UPDATE EXCLUSIVE' }),
    ];
  }
  if (s.kind === 'column' && version >= 120000) {
    const c = t.get(s.objectId) as ColumnObject | undefined;
    if (!c || !existing(c.parent)) return [s];
    const old = f.get(s.objectId) as ColumnObject | undefined;
    if (s.op === 'alter' && old && s.sql.startsWith(`ALTER TABLE ${c.table} ALTER COLUMN ${c.qname} TYPE `) && !s.hazards.includes('data-loss') && widenable(old, c, f)) {
      return widenByCopy(old, c, f.get(c.parent!) as TableObject, online);
    }
    const setNotNull = `ALTER TABLE ${c.table} ALTER COLUMN ${c.qname} SET NOT NULL`;
    if (s.op === 'alter' && s.sql === setNotNull) return viaCheck(c, online, s.note);
    // A constant default fills the new column without a rewrite; NOT NULL alone would still be checked under ACCESS EXCLUSIVE.
    if (s.op === 'create' && c.notNull && c.default !== null && !c.generated && !c.identity && s.sql === `ALTER TABLE ${c.table} ADD COLUMN ${columnDefinition(c)}`) {
      return [online(`ALTER TABLE ${c.table} ADD COLUMN ${columnDefinition({ ...c, notNull: false })}`, { hazards: ['blocking-lock'], note: s.note }), ...viaCheck(c, online)];
    }
  }
  return [s];
}

/**
 * The backfill's batches: each holds the row locks of its rows until it commits, and a workload
 * update of one of them waits that long. A batch is a range of heap pages, starting at
 * BACKFILL_PAGES; after each commit the range doubles (up to BACKFILL_MAX_PAGES) while a batch
 * takes under half of BACKFILL_TARGET_MS and halves (down to one page) while it takes more than
 * twice that, so batches stay short on a loaded server and few on an idle one. After each commit the
 * backfill rests half as long as the batch took, so the workload's own writes (and the background
 * writer) get the disk and CPU between batches instead of queueing behind a continuous rewrite.
 */
export const BACKFILL_PAGES = 8;
export const BACKFILL_MAX_PAGES = 256;
export const BACKFILL_TARGET_MS = 50;

/** A column the copy-and-swap form can widen without losing anything the catalog holds about it. */
function widenable(a: ColumnObject, b: ColumnObject, f: SnapshotIndex): boolean {
  const settings = (x: ColumnObject) => x.storage ?? x.compression ?? x.statistics;
  if (a.default !== null || b.default !== null || a.identity || b.identity || a.generated || b.generated) return false;
  if (a.collation || b.collation || a.comment !== null || b.comment !== null || settings(a) !== undefined || settings(b) !== undefined) return false;
  if (f.dependents(a.id).length) return false;
  // The backfill's UPDATEs would fire other triggers on the table.
  return !f.children(a.parent!).some((x) => x.kind === 'trigger' || x.kind === 'rule');
}

const shortName = (base: string, suffix: string) => {
  const bytes = (x: string) => new TextEncoder().encode(x).length;
  let b = base;
  while (bytes(`${b}${suffix}`) > NAMEDATALEN) b = [...b].slice(0, -1).join('');
  return `${b}${suffix}`;
};

function widenByCopy(a: ColumnObject, b: ColumnObject, table: TableObject, online: (sql: string, rest?: Partial<PlanStep>) => PlanStep): PlanStep[] {
  const T = b.table;
  const next = shortName(b.name, '_strata_new');
  const nextQ = quoteIdent(next);
  const fn = `${quoteIdent(table.schema)}.${quoteIdent(shortName(`${table.name}_${b.name}`, '_strata_sync'))}`;
  const trigger = quoteIdent(shortName(b.name, '_strata_sync'));
  const copyQ = quoteIdent(shortName(b.name, '_strata_copy'));
  const literal = (x: string) => `'${x.replace(/'/g, "''")}'`;
  const backfill = [
    `DO $strata$`,
    `DECLARE pages bigint := pg_relation_size(${literal(T)}) / current_setting('block_size')::int; p bigint := 0; step int := ${BACKFILL_PAGES}; t timestamptz; ms float8;`,
    `BEGIN`,
    `  WHILE p <= pages LOOP`,
    `    t := clock_timestamp();`,
    `    UPDATE ${T} SET ${nextQ} = ${a.qname} WHERE ctid >= format('(%s,0)', p)::tid AND ctid < format('(%s,0)', p + step)::tid AND ${nextQ} IS DISTINCT FROM ${a.qname};`,
    `    COMMIT;`,
    `    p := p + step;`,
    `    ms := extract(epoch FROM clock_timestamp() - t) * 1000;`,
    `    PERFORM pg_sleep(least(ms, ${BACKFILL_TARGET_MS * 2}) / 2000.0);`,
    `    step := CASE WHEN ms < ${BACKFILL_TARGET_MS / 2} THEN least(step * 2, ${BACKFILL_MAX_PAGES}) WHEN ms > ${BACKFILL_TARGET_MS * 2} THEN greatest(step / 2, 1) ELSE step END;`,
    `  END LOOP;`,
    `END $strata$`,
  ].join('\n');
  const notNull = a.notNull && b.notNull;
  return [
    online(`ALTER TABLE ${T} ADD COLUMN ${nextQ} ${b.type}`, { note: `widen ${b.qname} to ${b.type} without a rewrite under ACCESS EXCLUSIVE: copy into a new column, kept in sync by a trigger, then swap` }),
    online(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $strata$BEGIN NEW.${nextQ} := NEW.${a.qname}; RETURN NEW; END$strata$`, { lock: 'none' }),
    online(`CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON ${T} FOR EACH ROW EXECUTE FUNCTION ${fn}()`, { lock: 'SHARE ROW EXCLUSIVE' }),
    // The trigger and the backfill only ever copy the NOT NULL original, so the CHECK can come first, in the short transaction.
    ...(notNull ? [online(`ALTER TABLE ${T} ADD CONSTRAINT ${copyQ} CHECK (${nextQ} IS NOT NULL) NOT VALID`)] : []),
    online(backfill, { transactional: false, lock: 'ROW EXCLUSIVE', note: `backfill in batches of ${BACKFILL_PAGES} to ${BACKFILL_MAX_PAGES} heap pages, sized to about ${BACKFILL_TARGET_MS} ms each, each batch committed and followed by a rest of half its time` }),
    ...(notNull ? [online(`ALTER TABLE ${T} VALIDATE CONSTRAINT ${copyQ}`, { transactional: false, hazards: ['validation-scan'], lock: 'SHARE UPDATE EXCLUSIVE' })] : []),
    // One transaction, which the runner retries as a whole when it cannot get the lock in time.
    online('BEGIN', { transactional: false, note: 'swap: the trigger and the old column go, the copy takes its name' }),
    lockFirst(T, online),
    ...(notNull
      ? [online(`ALTER TABLE ${T} ALTER COLUMN ${nextQ} SET NOT NULL`, { transactional: false }), online(`ALTER TABLE ${T} DROP CONSTRAINT IF EXISTS ${copyQ}`, { transactional: false })]
      : []),
    online(`DROP TRIGGER ${trigger} ON ${T}`, { transactional: false }),
    online(`DROP FUNCTION ${fn}()`, { transactional: false, lock: 'none' }),
    online(`ALTER TABLE ${T} DROP COLUMN ${a.qname}`, { transactional: false }),
    online(`ALTER TABLE ${T} RENAME COLUMN ${nextQ} TO ${b.qname}`, { transactional: false }),
    online('COMMIT', { transactional: false, lock: 'none' }),
  ];
}

function viaCheck(c: ColumnObject, online: (sql: string, rest?: Partial<PlanStep>) => PlanStep, note?: string, name?: string): PlanStep[] {
  const check = name ?? quoteIdent(notNullCheckName(c.name));
  return [
    online(`ALTER TABLE ${c.table} ADD CONSTRAINT ${check} CHECK (${c.qname} IS NOT NULL) NOT VALID`, { note: note ?? `SET NOT NULL without a scan under ACCESS EXCLUSIVE: a validated CHECK proves it first` }),
    online(`ALTER TABLE ${c.table} VALIDATE CONSTRAINT ${check}`, { transactional: false, hazards: ['validation-scan'], lock: 'SHARE UPDATE EXCLUSIVE' }),
    online('BEGIN', { transactional: false, note: 'SET NOT NULL from the valid CHECK, which then goes: one short transaction' }),
    lockFirst(c.table, online),
    online(`ALTER TABLE ${c.table} ALTER COLUMN ${c.qname} SET NOT NULL`, { transactional: false }),
    online(`ALTER TABLE ${c.table} DROP CONSTRAINT IF EXISTS ${check}`, { transactional: false }),
    online('COMMIT', { transactional: false, lock: 'none' }),
  ];
}

/**
 * The first statement of a block that then takes ACCESS EXCLUSIVE. SHARE UPDATE EXCLUSIVE blocks no
 * read or write, but it waits for an autovacuum of the table (which PostgreSQL cancels for a waiter
 * after deadlock_timeout) and keeps a new one out. Without it ACCESS EXCLUSIVE would wait behind the
 * autovacuum with every query of the table queued behind it: a stall of deadlock_timeout (1 s).
 */
function lockFirst(table: string, online: (sql: string, rest?: Partial<PlanStep>) => PlanStep): PlanStep {
  return online(`LOCK TABLE ${table} IN SHARE UPDATE EXCLUSIVE MODE`, { transactional: false, lock: 'SHARE UPDATE EXCLUSIVE' });
}

/**
 * The online plan as migrations: first every step that can run in one transaction
 * and needs nothing of the rest, then (when there are any) the steps that run on
 * their own, in plan order, each committed by itself. A transactional step that
 * needs an object of the second part (by id or dependsOn) moves there with it.
 */
export function onlinePhases(steps: readonly PlanStep[]): PlanStep[][] {
  const first: PlanStep[] = [];
  const second: PlanStep[] = [];
  const later = new Set<string>();
  for (const s of steps) {
    if (!s.transactional || later.has(s.objectId) || s.dependsOn.some((d) => later.has(d))) {
      second.push(s);
      later.add(s.objectId);
    } else first.push(s);
  }
  return [first, second].filter((p) => p.length);
}
