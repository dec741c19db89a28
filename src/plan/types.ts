/**
 * What a planned statement carries besides its SQL. Lint, docs and the runner read
 * these fields; they never re-parse SQL.
 */
import type { CatalogObject, ObjectKind, ObjectOfKind, Snapshot } from '../core/model/index.js';

/** Closed set of hazards a statement can carry. */
export const HAZARDS = [
  'data-loss', // drops stored data (DROP TABLE, DROP COLUMN, type change that can truncate)
  'table-rewrite', // rewrites the table (type change, SET LOGGED)
  'blocking-lock', // holds a lock that blocks reads or writes for the statement's duration
  'validation-scan', // scans the table to validate (SET NOT NULL, ADD CONSTRAINT without NOT VALID)
  'index-build', // builds an index (blocks writes unless CONCURRENTLY)
  'non-transactional', // cannot run inside a transaction block
  'dependents-recreated', // other objects are dropped and created again around it
  'narrowing', // a type change without a conversion to values the old type holds and the new may not (bigint → integer): fails or converts lossily on such rows
] as const;
export type Hazard = (typeof HAZARDS)[number];

/** Table-level lock modes, weakest first; 'none' for objects that are not tables. */
export const LOCK_LEVELS = [
  'none',
  'ACCESS SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;
export type LockLevel = (typeof LOCK_LEVELS)[number];

/** A statement a rule produces, before it is placed in the plan. */
export interface Statement {
  sql: string;
  hazards?: Hazard[];
  /** When unsure, rules say ACCESS EXCLUSIVE. Defaults to 'ACCESS EXCLUSIVE'. */
  lock?: LockLevel;
  /** Defaults to true. */
  transactional?: boolean;
  /** Printed as a comment above the statement. */
  note?: string;
  /**
   * True when the statement changes the object in a way that breaks dependents
   * that store a parsed reference to it (a column type change under a view or
   * policy): dependents whose rules say `recreateOnDependencyChange` are dropped
   * before and created after.
   */
  invalidatesDependents?: boolean;
  /**
   * Where an ALTER statement runs relative to drops: 'release' statements give up
   * something (DROP DEFAULT, DROP IDENTITY) and run with the drops, before any
   * create; 'late' ones run after the drops of what the object used to depend on
   * (ADD IDENTITY after the old serial sequence is gone, as it takes its name).
   * Default 'main'.
   */
  stage?: 'release' | 'main' | 'late';
}

export interface SnapshotIndex {
  snapshot: Snapshot;
  get(id: string): CatalogObject | undefined;
  ofKind<K extends ObjectKind>(kind: K): ObjectOfKind<K>[];
  /** Objects whose parent is `id`. */
  children(id: string): CatalogObject[];
  /** Ids of objects whose dependsOn lists `id`. */
  dependents(id: string): string[];
}

export interface RuleContext {
  from: SnapshotIndex;
  to: SnapshotIndex;
  /** 'down' when this plan undoes another: creates then restore structure, not data. */
  direction: 'up' | 'down';
  /** server_version_num of the target side (0 when unknown: assume the oldest supported). */
  serverVersion: number;
  /** Column id → USING expression for its type change, from the desired state's `-- @using` hints. */
  using?: ReadonlyMap<string, string>;
}

export interface KindRules<O extends CatalogObject> {
  kind: O['kind'];
  /** Tie-break among independent steps: lower creates first (and drops last). */
  order: number;
  create(o: O, ctx: RuleContext): Statement[];
  drop(o: O, ctx: RuleContext): Statement[];
  /** Statements turning `from` into `to`, or null when it must be dropped and created again. */
  alter(from: O, to: O, ctx: RuleContext): Statement[] | null;
  /** Child kinds `create` writes inline (a table's columns): they get no step of their own. */
  createsChildren?: readonly ObjectKind[];
  /** False when dropping the parent does not drop this object (default true). */
  droppedWithParent?: boolean;
  /** See Statement.invalidatesDependents. */
  recreateOnDependencyChange?: boolean;
  /**
   * Lets the object outlive the drop of something it depends on instead of being
   * dropped and created again (a column whose default calls a function that is
   * replaced): `release` runs before that drop, `restore` after the re-creation.
   * Null or absent: the object is recreated.
   */
  rebind?(from: O, to: O, ctx: RuleContext): { release: Statement[]; restore: Statement[] } | null;
}

export type RuleTable = { [K in ObjectKind]: KindRules<ObjectOfKind<K>> };

export interface PlanStep {
  op: 'create' | 'drop' | 'alter';
  kind: ObjectKind;
  objectId: string;
  sql: string;
  hazards: Hazard[];
  lock: LockLevel;
  transactional: boolean;
  /** Object ids this step needs in place (or gone) before it runs. */
  dependsOn: string[];
  note?: string;
}
