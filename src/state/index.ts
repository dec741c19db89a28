/**
 * The one state builder: a source (schema folder, migrations folder, `.sql` file or
 * live URL) → a database holding that state and its Snapshot. Every command that
 * needs "the state X produces" (diff, verify, drift, types, seed, test, lint, docs)
 * comes here, so two commands can never disagree about what a folder builds.
 *
 * A migrations folder is replayed with the runner itself (`migrateUp`): the same
 * splitter, the same no-transaction directive, the same role convention, the same
 * atlas.sum check and refusals as `strata migrate up`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { IsolationLevel } from '@databases/pg';
import { withScratchDatabase, type ServerTarget } from '../cluster/index.js';
import { StrataError } from '../core/diagnostic.js';
import { guardedRole, ROLE_NODES, roleName } from '../core/roles.js';
import type { RenameHint, Snapshot, UsingHint } from '../core/model/index.js';
import { connect, queryable } from '../db/connect.js';
import { introspect } from '../introspect/index.js';
import { readMigrationDir, splitStatements } from '../migrations/index.js';
import { migrateUp } from '../runner/index.js';
import { applyStatements } from '../shadow/index.js';
import { renameHints } from '../source/renames.js';
import { usingHints } from '../source/using.js';
import { listSqlFiles, loadStatements, readSources, type SourceFile } from '../source/index.js';
import { withoutBookkeeping } from './bookkeeping.js';
import { applyFilter, type ObjectFilter } from '../core/filter.js';

export { withoutBookkeeping, BOOKKEEPING_SCHEMAS } from './bookkeeping.js';
export { fingerprint } from './fingerprint.js';
export { uncastableChanges, refuseUncastable, type UncastableChange } from './casts.js';

export type StateSource =
  | { kind: 'url'; url: string } // live database, read as it is
  | { kind: 'schemaDir'; dir: string } // desired state: *.sql recursive, path order
  | { kind: 'sqlFile'; file: string }
  | { kind: 'migrationsDir'; dir: string; to?: string }; // replayed by the runner, up to `to` when given

export interface BuiltState {
  source: StateSource;
  /** A database holding the state: a scratch database (dropped when the callback returns) or the live URL. */
  url: string;
  /** The scratch database's name (a `template` to clone while the callback runs); undefined for a live URL. */
  database?: string;
  snapshot: Snapshot;
}

export interface BuildOptions {
  /** Label in the scratch database's name. */
  label?: string;
  /**
   * Runs on the built database before it is introspected, e.g. to load seed rows
   * (data never shows in a Snapshot, so this changes what later steps see, not the state).
   */
  afterBuild?: (url: string) => Promise<void>;
  /**
   * Scratch database to clone instead of building (a template built earlier by `withState`). For a
   * migrations folder it may hold an earlier state of the same folder: the runner applies the rest.
   */
  template?: string;
  /** Objects left out of the snapshot (src/core/filter.ts), as if they did not exist. */
  filter?: ObjectFilter;
}

/** Introspect a live database in one read-only, repeatable-read transaction (migration bookkeeping excluded). */
export async function snapshotDatabase(url: string): Promise<Snapshot> {
  const session = snapshotSession(url);
  try {
    return await session.snapshot();
  } finally {
    await session.close();
  }
}

export interface SnapshotSession {
  /** What `snapshotDatabase` returns, now: each call is its own read-only, repeatable-read transaction. */
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
}

/**
 * `snapshotDatabase` for a caller that snapshots one database several times (before and after a
 * script): one connection kept open, so the server's catalog caches stay warm between snapshots.
 * On a small database a fresh connection was ~40% of a snapshot's server time.
 */
export function snapshotSession(url: string): SnapshotSession {
  const pool = connect(url, { poolSize: 1 });
  return {
    async snapshot() {
      const snap = await pool.tx((tx) => introspect(queryable(tx)), { readOnly: true, isolationLevel: IsolationLevel.REPEATABLE_READ });
      return withoutBookkeeping(snap);
    },
    close: () => pool.dispose(),
  };
}

/**
 * Build `source` (on a scratch database of `server`, unless it is a live URL), hand the database
 * and its snapshot to `fn`, and drop the scratch database afterwards — on success, error or signal.
 */
export async function withState<T>(
  source: StateSource,
  server: ServerTarget,
  fn: (state: BuiltState) => Promise<T>,
  opts: BuildOptions = {},
): Promise<T> {
  if (source.kind === 'url') {
    await opts.afterBuild?.(source.url);
    return fn({ source, url: source.url, snapshot: applyFilter(await snapshotDatabase(source.url), opts.filter) });
  }
  // Read and parse everything before a database is created: a syntax error costs nothing.
  const prepared = await prepare(source);
  const label = opts.label ?? (source.kind === 'migrationsDir' ? 'replay' : 'shadow');
  return withScratchDatabase(server, { label, template: opts.template }, async (url, database) => {
    // A clone of a migrations folder's earlier state is brought up to `to` by the runner (its history says what is applied).
    const built = opts.template && source.kind !== 'migrationsDir' ? prepared.known : await prepared.build(url);
    await opts.afterBuild?.(url);
    let snapshot = withRoles(applyFilter(await snapshotDatabase(url), opts.filter), built);
    if (prepared.renames.length) snapshot = { ...snapshot, renames: prepared.renames };
    if (prepared.using.length) snapshot = { ...snapshot, usingHints: prepared.using };
    return fn({ source, url, database, snapshot });
  });
}

/**
 * Build `source` into the existing, empty database `url` (a dev database, a test template):
 * the same statements, splitter and role convention as on a scratch database.
 */
export async function buildInto(source: Exclude<StateSource, { kind: 'url' }>, url: string): Promise<void> {
  await (await prepare(source)).build(url);
}

interface RoleSet {
  roles: string[];
  roleDefinitions: Record<string, string>;
}

interface Prepared {
  build(url: string): Promise<RoleSet>;
  /** The roles the source names, known without building (for a clone of a built template). */
  known: RoleSet;
  renames: RenameHint[];
  using: UsingHint[];
}

async function prepare(source: Exclude<StateSource, { kind: 'url' }>): Promise<Prepared> {
  if (source.kind === 'migrationsDir') {
    const roles = await migrationRoles(source.dir, source.to);
    return {
      known: roles,
      renames: [],
      using: [],
      async build(url) {
        await migrateUp({ url, dir: source.dir, to: source.to, appliedBy: 'strata (state builder)', secrets: 'placeholder' });
        return roles;
      },
    };
  }
  const files = await desiredFiles(source);
  const statements = await loadStatements(files);
  const renames = await renameHints(files);
  const using = await usingHints(files);
  return {
    known: { roles: [], roleDefinitions: {} },
    renames,
    using,
    build: (url) => applyStatements(url, statements),
  };
}

/** The Snapshot of `source`, its database dropped. */
export async function buildSnapshot(source: StateSource, server: ServerTarget, opts: BuildOptions = {}): Promise<Snapshot> {
  return withState(source, server, async (s) => s.snapshot, opts);
}

/**
 * `postgres://…` → live database; `*.sql` → one file; a folder holding `<version>_<name>.up.sql`
 * files → migrations; any other folder → desired state.
 */
export async function sourceFromArgument(arg: string, cwd: string): Promise<StateSource> {
  if (/^postgres(ql)?:\/\//.test(arg)) return { kind: 'url', url: arg };
  const p = path.resolve(cwd, arg);
  const st = await stat(p).catch(() => undefined);
  if (!st) {
    throw new StrataError({ code: 'cli.usage', severity: 'error', subject: arg, message: `no such file or directory: ${arg}` }, 2);
  }
  if (st.isFile()) return { kind: 'sqlFile', file: p };
  const dir = await readMigrationDir(p);
  return dir.migrations.length ? { kind: 'migrationsDir', dir: p } : { kind: 'schemaDir', dir: p };
}

/** One line naming a source, for messages. */
export function describeSource(source: StateSource, cwd = process.cwd()): string {
  switch (source.kind) {
    case 'url':
      return 'the live database';
    case 'schemaDir':
      return `the desired state in ${path.relative(cwd, source.dir) || '.'}/`;
    case 'sqlFile':
      return path.relative(cwd, source.file);
    case 'migrationsDir':
      return `the migrations in ${path.relative(cwd, source.dir) || '.'}/${source.to ? ` up to ${source.to}` : ''}`;
  }
}

async function desiredFiles(source: Extract<StateSource, { kind: 'schemaDir' | 'sqlFile' }>): Promise<SourceFile[]> {
  if (source.kind === 'sqlFile') return readSources([source.file], process.cwd());
  return readSources(await listSqlFiles(source.dir), process.cwd());
}

/** The roles a migrations folder creates (the runner runs their CREATE ROLE idempotently). */
async function migrationRoles(dir: string, to?: string): Promise<RoleSet> {
  const roles = new Set<string>();
  const roleDefinitions: Record<string, string> = {};
  const last = to !== undefined && /^\d+$/.test(to) ? BigInt(to) : undefined;
  for (const m of (await readMigrationDir(dir)).migrations) {
    if (last !== undefined && m.versionNumber > last) break;
    for (const s of await splitStatements(m.up.content, m.up.path)) {
      const created = ROLE_NODES.has(s.kind) ? s.sql : s.kind === 'DoStmt' ? guardedRole(s.sql) : undefined;
      const name = created === undefined ? undefined : roleName(created);
      if (name === undefined) continue;
      roles.add(name);
      roleDefinitions[name] ??= created!;
    }
  }
  return { roles: [...roles].sort(), roleDefinitions };
}

function withRoles(snap: Snapshot, r: RoleSet): Snapshot {
  return r.roles.length ? { ...snap, roles: r.roles, roleDefinitions: r.roleDefinitions } : snap;
}
