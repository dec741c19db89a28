/**
 * The catalog model: one discriminated-union member per object kind. A Snapshot
 * is plain JSON (no classes, no Maps) with objects sorted by id, so it
 * serialises deterministically and pure stages are tested on fixtures.
 */
import type { SchemaObject, ExtensionObject } from './schema.js';
import type { EnumObject } from './types.js';
import type { CollationObject } from './collation.js';
import type { SequenceObject, SequenceOwnerObject } from './sequence.js';
import type { TableObject, ColumnObject } from './table.js';
import type { ConstraintObject, IndexObject } from './constraint.js';
import type { RowSecurityObject, PolicyObject } from './security.js';
import type { DomainObject, CompositeTypeObject, RangeTypeObject } from './usertype.js';
import type { PrivilegeObject, DefaultPrivilegeObject, OwnerObject } from './privilege.js';
import type { ViewObject, MaterializedViewObject } from './view.js';
import type { FunctionObject } from './function.js';
import type { TriggerObject, EventTriggerObject } from './trigger.js';
import type { ReplicaIdentityObject } from './replica-identity.js';
import type { RuleObject } from './rule.js';
import type { StatisticsObject } from './statistics.js';
import type { PublicationObject, PublicationTableObject } from './publication.js';
import type { ForeignDataWrapperObject, ForeignServerObject } from './foreign.js';
import type { AccessMethodObject } from './access-method.js';
import type { UserMappingObject } from './user-mapping.js';
import type { ForeignTableObject } from './foreign-table.js';
import type { SubscriptionObject } from './subscription.js';
import type { ExtensionMemberObject } from './extension-member.js';
import type { TextSearchParserObject, TextSearchTemplateObject, TextSearchDictionaryObject, TextSearchConfigurationObject } from './text-search.js';
import type { OperatorObject, OperatorFamilyObject, OperatorClassObject } from './operator.js';
import type { CastObject, ConversionObject } from './cast.js';
import type { LanguageObject, TransformObject } from './language.js';

export * from './base.js';
export type * from './schema.js';
export type * from './types.js';
export type * from './collation.js';
export type * from './sequence.js';
export type * from './table.js';
export type * from './constraint.js';
export type * from './security.js';
export type * from './usertype.js';
export type * from './privilege.js';
export type * from './view.js';
export type * from './function.js';
export type * from './trigger.js';
export type * from './replica-identity.js';
export type * from './rule.js';
export type * from './statistics.js';
export type * from './publication.js';
export type * from './foreign.js';
export type * from './access-method.js';
export type * from './user-mapping.js';
export type * from './foreign-table.js';
export type * from './subscription.js';
export type * from './extension-member.js';
export type * from './text-search.js';
export type * from './operator.js';
export type * from './cast.js';
export type * from './language.js';

export type CatalogObject =
  | SchemaObject
  | ExtensionObject
  | EnumObject
  | CollationObject
  | SequenceObject
  | SequenceOwnerObject
  | TableObject
  | ColumnObject
  | ConstraintObject
  | IndexObject
  | ViewObject
  | MaterializedViewObject
  | FunctionObject
  | TriggerObject
  | EventTriggerObject
  | RuleObject
  | StatisticsObject
  | PublicationObject
  | PublicationTableObject
  | ForeignDataWrapperObject
  | ForeignServerObject
  | AccessMethodObject
  | UserMappingObject
  | ForeignTableObject
  | SubscriptionObject
  | ExtensionMemberObject
  | TextSearchParserObject
  | TextSearchTemplateObject
  | TextSearchDictionaryObject
  | TextSearchConfigurationObject
  | OperatorObject
  | OperatorFamilyObject
  | OperatorClassObject
  | CastObject
  | ConversionObject
  | LanguageObject
  | TransformObject
  | RowSecurityObject
  | ReplicaIdentityObject
  | PolicyObject
  | DomainObject
  | CompositeTypeObject
  | RangeTypeObject
  | PrivilegeObject
  | DefaultPrivilegeObject
  | OwnerObject;

export type ObjectKind = CatalogObject['kind'];

export type ObjectOfKind<K extends ObjectKind> = Extract<CatalogObject, { kind: K }>;

export const SNAPSHOT_FORMAT = 'strata.snapshot/1';

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** server_version_num of the database it was read from; not compared. */
  serverVersion: number;
  /** Sorted by id. */
  objects: CatalogObject[];
  /**
   * Roles the source's CREATE ROLE statements named. Roles are cluster-wide: they
   * are created if missing when the source is built, never diffed, never written
   * to migrations. Not compared.
   */
  roles?: string[];
  /**
   * The CREATE ROLE statement (as written) of each role in `roles`. A diff whose
   * target names roles its source lacks starts its up SQL with them (the runner and the
   * shadow stage run them idempotently); down never drops a role. Not compared.
   */
  roleDefinitions?: Record<string, string>;
  /** Column and table rename hints the source's comments gave (src/source/renames.ts). Not compared. */
  renames?: RenameHint[];
  /** Conversion hints for column type changes (`-- @using …`, src/source/using.ts). Not compared. */
  usingHints?: UsingHint[];
  /**
   * User objects of the database that strata does not model (src/introspect/readers/unmanaged.ts),
   * sorted by kind then name; absent when there are none. Reported, never diffed: not compared.
   */
  unmanaged?: UnmanagedObject[];
}

/** An object a migration would say nothing about: `kind` as PostgreSQL names it, `name` its identity. */
export interface UnmanagedObject {
  kind: string;
  name: string;
}

/**
 * `to` in table `schema.table` of the desired state used to be called `from` (a column), or,
 * with `kind: 'table'`, table `schema.to` used to be `schema.from` (`table` is then `to`).
 */
export interface RenameHint {
  kind?: 'column' | 'table';
  schema: string;
  table: string;
  from: string;
  to: string;
}

/** How a column's values convert when its type changes and PostgreSQL has no cast: up, and back for down. */
export interface UsingHint {
  schema: string;
  table: string;
  column: string;
  up?: string;
  down?: string;
  location: { file: string; line: number; column: number };
}

export function emptySnapshot(serverVersion = 0): Snapshot {
  return { format: SNAPSHOT_FORMAT, serverVersion, objects: [] };
}

/** Sort objects by id and dependency lists, so equal catalogs serialise to equal JSON. */
export function normalizeSnapshot(s: Snapshot): Snapshot {
  const objects = s.objects
    .map((o) => ({ ...o, dependsOn: [...new Set(o.dependsOn)].filter((d) => d !== o.id).sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...s, objects };
}

/** Unmanaged objects by kind, then name, without repeats. */
export function sortUnmanaged(list: readonly UnmanagedObject[]): UnmanagedObject[] {
  const seen = new Map(list.map((u) => [`${u.kind}\0${u.name}`, u]));
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, u]) => ({ kind: u.kind, name: u.name }));
}
