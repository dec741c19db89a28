/**
 * Apply and roll back migrations against one database.
 *
 * Everything happens on one connection that holds a session-level
 * `pg_advisory_lock` for the whole run, so concurrent runners queue up and each
 * version is applied exactly once. Each transactional migration runs in its own
 * transaction together with its history row, so it is either fully applied and
 * recorded or not at all (also when the runner is killed). A non-transactional
 * migration is recorded dirty first and cleared when its last statement is done.
 */
import { statementDiagnostic } from '../db/errors.js';
import { idempotentRole, ROLE_NODES } from '../core/roles.js';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection, Transaction } from '@databases/pg';
import { StrataError, type Diagnostic } from '../core/diagnostic.js';
import { connect, sql } from '../db/connect.js';
import { ATLAS_SUM_FILE, checkAtlasSum, readMigrationDir, splitStatements, type Migration, type MigrationFile } from '../migrations/index.js';
import { compareHistory, type StatusEntry } from './check.js';
import { PLACEHOLDER_VALUE, secretsNeeded, substituteSecrets } from '../core/secrets.js';
import { blockEnd, concurrentIndexTarget, dropInvalidIndex, withLockRetry, type LockRetry } from './online.js';
import {
  deleteHistory,
  ensureHistoryTable,
  finishHistory,
  insertHistory,
  markDirty,
  readHistory,
  setChecksum,
  type HistoryRow,
} from './history.js';

/** Advisory lock key: the bytes of "strata", then 0x0001 (0x7374726174610001), recognisable in pg_locks. */
export const ADVISORY_LOCK_KEY = String(0x7374726174610001n);

export interface RunnerOptions {
  /** Database to migrate. */
  url: string;
  /** Migration directory. */
  dir: string;
  /** PostgreSQL interval text for `lock_timeout` inside each migration, e.g. `5s`. */
  lockTimeout?: string;
  /** PostgreSQL interval text for `statement_timeout` inside each migration. */
  statementTimeout?: string;
  /** Recorded in the history; defaults to `<os user>@<host>`. */
  appliedBy?: string;
  /** Progress callback; the library never prints. */
  onEvent?: (event: RunnerEvent) => void;
  /** Label of the directory in messages (default: the path as given). */
  dirLabel?: string;
  /**
   * Values for the `${STRATA_SECRET_...}` placeholders of user mappings and
   * subscriptions (src/core/secrets.ts): a lookup by name (default: the environment),
   * or 'placeholder' on scratch databases, where any value does since values are
   * never compared. A migration needing a secret the lookup lacks is refused before
   * anything runs.
   */
  secrets?: ((name: string) => string | undefined) | 'placeholder';
  /**
   * Retry a statement that fails with SQLSTATE 55P03 (lock_timeout gave up), with backoff:
   * in a transactional migration the whole transaction, otherwise the statement alone.
   */
  lockRetry?: LockRetry;
}

function secretLookup(opts: RunnerOptions): (name: string) => string | undefined {
  if (opts.secrets === 'placeholder') return () => PLACEHOLDER_VALUE;
  return opts.secrets ?? ((name) => process.env[name]);
}

/** Refuse, naming every missing secret and the files needing it, before any of `files` runs. */
async function checkSecrets(opts: RunnerOptions, files: MigrationFile[]): Promise<void> {
  const lookup = secretLookup(opts);
  const missing = new Map<string, string[]>();
  for (const f of files) {
    for (const s of await splitStatements(f.content, f.path)) {
      for (const name of secretsNeeded(s.sql, s.kind)) {
        if (lookup(name) !== undefined) continue;
        if (!missing.has(name)) missing.set(name, []);
        if (!missing.get(name)!.includes(f.file)) missing.get(name)!.push(f.file);
      }
    }
  }
  if (!missing.size) return;
  const names = [...missing.keys()];
  throw new StrataError({
    code: 'runner.missing-secret',
    severity: 'error',
    subject: names[0]!,
    message: `secret ${names.join(', ')} not given: ${[...missing].map(([n, fs]) => `${n} is needed by ${fs.join(', ')}`).join('; ')}; nothing was applied`,
    hint: `set the environment variable${names.length > 1 ? 's' : ''} ${names.join(', ')} or pass --secret ${names[0]}=<value>; values are never printed or stored`,
  });
}

export interface UpGuardOptions {
  /**
   * Called before each pending migration is applied, holding the lock; throws to refuse it.
   * `strata migrate up` checks the file's state header here (src/verify/guard.ts).
   */
  beforeApply?: (migration: Migration, url: string) => Promise<void>;
}

export type RunnerEvent =
  | { kind: 'lock-wait' }
  | { kind: 'lock-acquired'; waitedMs: number }
  | { kind: 'start'; direction: 'up' | 'down'; version: string; name: string; transactional: boolean }
  | { kind: 'done'; direction: 'up' | 'down'; version: string; name: string; ms: number }
  | { kind: 'lock-retry'; file: string; line: number; attempt: number; retries: number; delayMs: number }
  | { kind: 'invalid-index-dropped'; file: string; line: number; index: string };

export interface RunResult {
  applied: { version: string; name: string; ms: number }[];
  direction: 'up' | 'down';
}

const TIMEOUT_RE = /^\d+\s*(us|ms|s|min|h|d)?$/;

function checkTimeout(name: string, value: string | undefined): void {
  if (value !== undefined && !TIMEOUT_RE.test(value.trim())) {
    throw new StrataError(
      { code: 'cli.usage', severity: 'error', subject: name, message: `${name} must be a PostgreSQL duration such as 5s or 500ms, got ${JSON.stringify(value)}` },
      2,
    );
  }
}

function defaultAppliedBy(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return `${user}@${os.hostname()}`;
}

/** Map a PostgreSQL error raised while running `file` to a located diagnostic. */
function migrationError(e: unknown, file: MigrationFile, s: { sql: string; line: number; column: number }): StrataError {
  if (e instanceof StrataError) return e;
  const d = statementDiagnostic(e, { text: s.sql, file: file.path, line: s.line, column: s.column }, { code: 'runner.apply', subject: file.file });
  return new StrataError({ ...d, message: `${file.file}: ${d.message}` });
}

/** Open one connection, take the advisory lock, make sure the history table exists, run `fn`. */
async function withLockedConnection<T>(opts: RunnerOptions, fn: (db: Connection) => Promise<T>): Promise<T> {
  checkTimeout('lock-timeout', opts.lockTimeout);
  checkTimeout('statement-timeout', opts.statementTimeout);
  const pool = connect(opts.url, { poolSize: 1, applicationName: 'strata migrate' });
  try {
    return await pool.task(async (db) => {
      // A runner killed mid-statement must not leave its backend running (and
      // holding the lock and an open transaction) until the statement ends.
      const [v] = await db.query(sql`SELECT current_setting('server_version_num')::int AS n, pg_is_in_recovery() AS standby, current_setting('transaction_read_only') = 'on' AS ro`);
      if (v.standby || v.ro) throw readOnlyTarget(Boolean(v.standby));
      if (Number(v.n) >= 140000) await db.query(sql`SET client_connection_check_interval = '1s'`);
      await acquireLock(db as Connection, opts);
      try {
        await ensureHistoryTable(db);
        return await fn(db as Connection);
      } finally {
        await db.query(sql`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY}::bigint)`).catch(() => undefined);
      }
    });
  } finally {
    await pool.dispose();
  }
}

/** A hot standby (or a read-only primary) would fail at the history table with SQLSTATE 25006; say why up front. */
function readOnlyTarget(standby: boolean): StrataError {
  return new StrataError({
    code: 'runner.read-only',
    severity: 'error',
    subject: 'database',
    sqlstate: '25006',
    message: standby
      ? 'the database is a hot standby (pg_is_in_recovery() is true): it is read-only and cannot be migrated'
      : 'the database is read-only (default_transaction_read_only is on): it cannot be migrated',
    hint: standby
      ? 'run strata migrate up against the primary; the standby replays the migrations through replication (strata migrate status works on the standby)'
      : 'connect to a writable primary, or turn default_transaction_read_only off for the migrating role',
  });
}

/**
 * Poll `pg_try_advisory_lock` instead of blocking in `pg_advisory_lock`: a
 * waiting runner then holds no snapshot, and `CREATE INDEX CONCURRENTLY` run by
 * the lock holder does not wait on the runners queued behind it (a deadlock).
 */
async function acquireLock(db: Connection, opts: RunnerOptions): Promise<void> {
  const t0 = Date.now();
  let delay = 20;
  for (let attempt = 0; ; attempt++) {
    const [got] = await db.query(sql`SELECT pg_try_advisory_lock(${ADVISORY_LOCK_KEY}::bigint) AS ok`);
    if (got.ok) {
      if (attempt > 0) opts.onEvent?.({ kind: 'lock-acquired', waitedMs: Date.now() - t0 });
      return;
    }
    if (attempt === 0) opts.onEvent?.({ kind: 'lock-wait' });
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 500);
  }
}

function refuse(problems: Diagnostic[]): never {
  const [first, ...rest] = problems;
  throw new StrataError({
    ...first!,
    detail: [first!.detail, ...rest.map((p) => `also: ${p.message}`)].filter(Boolean).join('\n') || undefined,
  });
}

async function load(opts: RunnerOptions, db: Connection) {
  const dir = await readMigrationDir(opts.dir);
  // Same guard as `atlas migrate apply`: files changed or added without
  // `strata migrate hash` (a bad merge, a hand edit) are not run.
  if (existsSync(path.join(dir.dir, ATLAS_SUM_FILE))) await checkAtlasSum(dir.dir);
  const orderProblem = dir.warnings.find((w) => w.severity === 'error');
  if (orderProblem) throw new StrataError(orderProblem);
  const rows = await readHistory(db);
  const { entries, problems } = compareHistory(dir.migrations, rows, opts.dirLabel ?? opts.dir);
  return { dir, rows, entries, problems };
}

async function setTimeouts(db: Connection | Transaction, opts: RunnerOptions, local: boolean): Promise<void> {
  if (opts.lockTimeout !== undefined) await db.query(sql`SELECT set_config('lock_timeout', ${opts.lockTimeout.trim()}, ${local})`);
  if (opts.statementTimeout !== undefined) await db.query(sql`SELECT set_config('statement_timeout', ${opts.statementTimeout.trim()}, ${local})`);
}

/** After a non-transactional file: also what the file itself SET (an online migration sets lock_timeout). */
async function resetTimeouts(db: Connection): Promise<void> {
  await db.query(sql`RESET lock_timeout`);
  await db.query(sql`RESET statement_timeout`);
}

/**
 * Run one file. Transactional: the file and `record` in one transaction.
 * Otherwise: `before` (marks dirty) commits first, each statement runs on its
 * own, and `after` clears the mark once all succeeded.
 */
async function runFile(
  db: Connection,
  opts: RunnerOptions,
  file: MigrationFile,
  hooks: { record: (tx: Connection | Transaction, ms: number) => Promise<void>; before: () => Promise<void>; after: (ms: number) => Promise<void> },
): Promise<number> {
  const t0 = Date.now();
  // Statements go one by one so an error maps to the file's own line and column.
  // CREATE ROLE runs idempotently: roles are cluster-wide (see src/core/roles.ts).
  const lookup = secretLookup(opts);
  const statements = (await splitStatements(file.content, file.path)).map((s) =>
    ROLE_NODES.has(s.kind) ? { ...s, sql: idempotentRole(s.sql) } : s,
  );
  // Secrets go into the statement sent, never into the text errors quote (see checkSecrets).
  const sent = (s: { sql: string; kind: string }) => substituteSecrets(s.sql, s.kind, (n) => lookup(n) ?? '');
  if (file.transactional) {
    const control = statements.find((s) => s.kind === 'TransactionStmt');
    if (control) {
      throw new StrataError({
        code: 'runner.transaction-control',
        severity: 'error',
        subject: file.file,
        message: `${file.file} controls transactions itself (${control.sql.split(/\s/)[0]!.toUpperCase()} at line ${control.line}), but strata already runs each migration in its own transaction`,
        location: { file: file.path, line: control.line, column: 1 },
        hint: 'remove the BEGIN/COMMIT lines, or start the file with `-- strata:no-transaction` to manage transactions yourself',
      });
    }
    let failedAt = 1;
    const retried = (attempt: number, delayMs: number) =>
      opts.onEvent?.({ kind: 'lock-retry', file: file.file, line: failedAt, attempt, retries: opts.lockRetry!.retries, delayMs });
    await withLockRetry(opts.lockRetry, () =>
      db.tx(async (tx) => {
        await setTimeouts(tx, opts, true);
        // The whole file in one round trip (a 1,200-statement migration waited on 1,200 of them). If it fails,
        // the batch is undone to a savepoint and run again statement by statement, so the error names its line.
        if (statements.length > 1 && (await inOneBatch(tx, statements.map(sent)))) {
          await hooks.record(tx, Date.now() - t0);
          return;
        }
        for (const s of statements) {
          try {
            await tx.query([sql.__dangerous__rawValue(sent(s))]); // an array skips @databases' client-side splitter, which cuts BEGIN ATOMIC bodies
          } catch (e) {
            failedAt = s.line;
            throw migrationError(e, file, s);
          }
        }
        await hooks.record(tx, Date.now() - t0);
      }),
    retried);
    return Date.now() - t0;
  }
  await hooks.before();
  await setTimeouts(db, opts, false);
  try {
    for (let i = 0; i < statements.length; i++) {
      // A BEGIN ... COMMIT block in the file runs (and is retried) as one unit.
      const group = statements.slice(i, blockEnd(statements, i) + 1);
      i += group.length - 1;
      let s = group[0]!;
      try {
        await withLockRetry(
          opts.lockRetry,
          async () => {
            for (const g of group) {
              s = g;
              const index = g.kind === 'IndexStmt' ? concurrentIndexTarget(g.sql) : undefined;
              const leftover = index && (await dropInvalidIndex(db, index));
              if (leftover) opts.onEvent?.({ kind: 'invalid-index-dropped', file: file.file, line: g.line, index: leftover });
              await db.query([sql.__dangerous__rawValue(sent(g))]).catch(async (e: unknown) => {
                if (group.length > 1) await db.query(sql`ROLLBACK`).catch(() => undefined);
                throw migrationError(e, file, g);
              });
            }
          },
          (attempt, delayMs) => opts.onEvent?.({ kind: 'lock-retry', file: file.file, line: s.line, attempt, retries: opts.lockRetry!.retries, delayMs }),
        );
      } catch (e) {
        const err = migrationError(e, file, s);
        throw new StrataError({
          ...err.diagnostic,
          code: 'runner.dirty',
          message: `${err.diagnostic.message} (statement at line ${s.line}; ${file.file} runs outside a transaction, so the statements before it stay applied and the version is now dirty)`,
          hint: 'fix the cause, finish or undo the earlier statements by hand, then `strata migrate repair --mark-applied` (finished) or `strata migrate repair` (undone)',
        });
      }
    }
  } finally {
    await resetTimeouts(db).catch(() => undefined);
  }
  const ms = Date.now() - t0;
  await hooks.after(ms);
  return ms;
}

/**
 * Run `texts` as one simple-protocol query inside `tx` (the server splits it, as it would the file); true when
 * all succeeded, false when one failed and the batch was rolled back to its savepoint. Joined by a line of its
 * own so a statement's trailing `--` comment cannot swallow the separator.
 */
async function inOneBatch(tx: Transaction, texts: string[]): Promise<boolean> {
  await tx.query(sql`SAVEPOINT strata_batch`);
  try {
    await tx.query([sql.__dangerous__rawValue(texts.join('\n;\n'))]);
  } catch (e) {
    // A connection that is gone cannot roll back: its own error is the one to report.
    await tx.query(sql`ROLLBACK TO SAVEPOINT strata_batch`).catch(() => Promise.reject(e));
    return false;
  }
  await tx.query(sql`RELEASE SAVEPOINT strata_batch`);
  return true;
}

export interface UpOptions extends RunnerOptions, UpGuardOptions {
  /** Apply up to and including this version. */
  to?: string;
}

export async function migrateUp(opts: UpOptions): Promise<RunResult> {
  const appliedBy = opts.appliedBy ?? defaultAppliedBy();
  return withLockedConnection(opts, async (db) => {
    const { dir, entries, problems } = await load(opts, db);
    if (problems.length) refuse(problems);
    let pending = dir.migrations.filter((m) => entries.find((e) => e.version === m.version)?.state === 'pending');
    if (opts.to !== undefined) {
      const to = parseVersion(opts.to);
      if (!dir.migrations.some((m) => m.versionNumber === to)) {
        throw versionError(opts.to, 'is not a migration in the directory');
      }
      pending = pending.filter((m) => m.versionNumber <= to);
    }
    await checkSecrets(opts, pending.map((m) => m.up));
    const applied: RunResult['applied'] = [];
    for (const m of pending) {
      await opts.beforeApply?.(m, opts.url);
      opts.onEvent?.({ kind: 'start', direction: 'up', version: m.version, name: m.name, transactional: m.up.transactional });
      const row = { version: m.version, name: m.name, checksum: m.up.checksum, appliedBy };
      const ms = await runFile(db, opts, m.up, {
        record: (tx, ms) => insertHistory(tx, { ...row, executionMs: ms, dirty: false }),
        before: () => insertHistory(db, { ...row, executionMs: 0, dirty: true }),
        after: (ms) => finishHistory(db, m.version, ms),
      });
      applied.push({ version: m.version, name: m.name, ms });
      opts.onEvent?.({ kind: 'done', direction: 'up', version: m.version, name: m.name, ms });
    }
    return { direction: 'up', applied };
  });
}

export interface DownOptions extends RunnerOptions {
  /** Roll back this many applied migrations (default 1). */
  steps?: number;
  /** Roll back every applied migration above this version (`0`: all). */
  to?: string;
}

export async function migrateDown(opts: DownOptions): Promise<RunResult> {
  if (opts.steps !== undefined && opts.to !== undefined) {
    throw new StrataError({ code: 'cli.usage', severity: 'error', subject: 'down', message: 'give either --steps or --to, not both' }, 2);
  }
  if (opts.steps !== undefined && (!Number.isInteger(opts.steps) || opts.steps < 1)) {
    throw new StrataError({ code: 'cli.usage', severity: 'error', subject: 'down', message: `--steps must be a positive integer, got ${opts.steps}` }, 2);
  }
  return withLockedConnection(opts, async (db) => {
    const { dir, rows, problems } = await load(opts, db);
    if (problems.length) refuse(problems);
    const files = new Map(dir.migrations.map((m) => [m.versionNumber, m]));
    let targets: HistoryRow[] = [...rows].reverse();
    if (opts.to !== undefined) {
      const to = parseVersion(opts.to);
      if (to !== 0n && !rows.some((r) => BigInt(r.version) === to)) throw versionError(opts.to, 'is not an applied migration (use 0 to roll back everything)');
      targets = targets.filter((r) => BigInt(r.version) > to);
    } else {
      targets = targets.slice(0, opts.steps ?? 1);
    }
    const plan: Migration[] = targets.map((r) => files.get(BigInt(r.version))!);
    const noDown = plan.filter((m) => !m.down);
    if (noDown.length) {
      throw new StrataError({
        code: 'runner.no-down',
        severity: 'error',
        subject: noDown[0]!.version,
        message: `cannot roll back ${noDown.map((m) => m.up.file).join(', ')}: no down file`,
        hint: `write ${noDown[0]!.version}_${noDown[0]!.name}.down.sql, or roll back fewer steps`,
      });
    }
    await checkSecrets(opts, plan.map((m) => m.down!));
    const applied: RunResult['applied'] = [];
    for (const m of plan) {
      const down = m.down!;
      opts.onEvent?.({ kind: 'start', direction: 'down', version: m.version, name: m.name, transactional: down.transactional });
      const ms = await runFile(db, opts, down, {
        record: (tx) => deleteHistory(tx, m.version),
        before: () => markDirty(db, m.version),
        after: () => deleteHistory(db, m.version),
      });
      applied.push({ version: m.version, name: m.name, ms });
      opts.onEvent?.({ kind: 'done', direction: 'down', version: m.version, name: m.name, ms });
    }
    return { direction: 'down', applied };
  });
}

export interface BaselineOptions extends RunnerOptions {
  /** The migration that describes the database as it already is. */
  version: string;
}

/**
 * Record `version` as applied without running it: the database already holds what it
 * creates (a database that existed before strata). Refused when the database already has
 * a migration history, so a baseline never hides migrations that did run.
 */
export async function migrateBaseline(opts: BaselineOptions): Promise<{ version: string; name: string }> {
  const appliedBy = opts.appliedBy ?? defaultAppliedBy();
  return withLockedConnection(opts, async (db) => {
    const { dir, rows } = await load(opts, db);
    const m = dir.migrations.find((x) => x.versionNumber === parseVersion(opts.version));
    if (!m) throw versionError(opts.version, 'is not a migration in the directory');
    if (rows.length) throw baselineHistoryError(rows);
    await insertHistory(db, { version: m.version, name: m.name, checksum: m.up.checksum, executionMs: 0, appliedBy, dirty: false });
    return { version: m.version, name: m.name };
  });
}

/** Why a database with a history gets no baseline. */
export function baselineHistoryError(rows: readonly HistoryRow[]): StrataError {
  return new StrataError({
    code: 'runner.baseline-history',
    severity: 'error',
    subject: rows.at(-1)!.version,
    message: `the database already has a migration history (${rows.length} row(s), latest ${rows.at(-1)!.version}): a baseline is for a database strata has not migrated yet`,
    hint: 'run `strata migrate status` to see what is applied; `strata migrate up` applies the rest',
  });
}

export interface StatusResult {
  entries: StatusEntry[];
  problems: Diagnostic[];
  /** Latest applied version, or undefined. */
  current?: string;
}

/** Status never refuses: it reports the problems other commands would refuse on. */
export async function migrateStatus(opts: RunnerOptions): Promise<StatusResult> {
  const pool = connect(opts.url, { poolSize: 1, applicationName: 'strata migrate status' });
  try {
    const rows = await readHistory(pool as unknown as Connection);
    const dir = await readMigrationDir(opts.dir);
    const { entries, problems } = compareHistory(dir.migrations, rows, opts.dirLabel ?? opts.dir);
    const order = dir.warnings.filter((w) => w.severity === 'error');
    if (existsSync(path.join(dir.dir, ATLAS_SUM_FILE))) {
      await checkAtlasSum(dir.dir).catch((e: unknown) => {
        if (e instanceof StrataError) order.push(e.diagnostic);
        else throw e;
      });
    }
    return { entries, problems: [...order, ...problems], current: rows.filter((r) => !r.dirty).at(-1)?.version };
  } finally {
    await pool.dispose();
  }
}

export interface RepairOptions extends RunnerOptions {
  /** Keep dirty rows as applied (their statements were finished by hand). Default: forget them. */
  markApplied?: boolean;
  /** Store the current file checksums for applied migrations whose file changed. */
  checksums?: boolean;
  /** Remove these versions from the history (missing or unknown files). */
  forget?: string[];
}

export interface RepairResult {
  actions: string[];
}

export async function migrateRepair(opts: RepairOptions): Promise<RepairResult> {
  return withLockedConnection(opts, async (db) => {
    const { dir, rows, entries } = await load(opts, db);
    const files = new Map(dir.migrations.map((m) => [m.version, m]));
    const actions: string[] = [];
    for (const e of entries.filter((x) => x.state === 'dirty')) {
      if (opts.markApplied) {
        const m = files.get(e.version);
        await finishHistory(db, rows.find((r) => BigInt(r.version) === BigInt(e.version))!.version, 0);
        if (m) await setChecksum(db, e.version, m.up.checksum, m.name);
        actions.push(`${e.version} (${e.name}): dirty flag cleared, kept as applied`);
      } else {
        await deleteHistory(db, e.version);
        actions.push(`${e.version} (${e.name}): dirty row removed; \`strata migrate up\` will run it again`);
      }
    }
    if (opts.checksums) {
      for (const e of entries.filter((x) => x.state === 'changed')) {
        const m = files.get(e.version)!;
        await setChecksum(db, e.version, m.up.checksum, m.name);
        actions.push(`${e.version} (${e.name}): checksum updated to the file on disk`);
      }
    }
    for (const v of opts.forget ?? []) {
      const n = parseVersion(v);
      const row = rows.find((r) => BigInt(r.version) === n);
      if (!row) throw versionError(v, 'is not in the history');
      if (dir.migrations.some((m) => m.versionNumber === n)) {
        throw versionError(v, 'still has a file; roll it back with `strata migrate down` instead of forgetting it');
      }
      await deleteHistory(db, row.version);
      actions.push(`${row.version} (${row.name}): removed from the history`);
    }
    return { actions };
  });
}

function parseVersion(v: string): bigint {
  if (!/^\d+$/.test(v)) throw versionError(v, 'is not a version (digits only)');
  return BigInt(v);
}

function versionError(v: string, why: string): StrataError {
  return new StrataError({ code: 'cli.usage', severity: 'error', subject: v, message: `version ${v} ${why}` }, 2);
}
