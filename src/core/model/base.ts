/** Fields every catalog object carries. */
export interface ObjectBase {
  /** Stable id (`src/core/ids.ts`), unique in a snapshot. */
  id: string;
  /**
   * Id of the object this one lives inside (a column's table, an index's table).
   * Dropping the parent drops it; creating the parent may create it inline.
   */
  parent: string | null;
  /** COMMENT ON text, or null. */
  comment: string | null;
  /**
   * Ids this object needs to exist first, read from pg_depend (plus the parent
   * and the schema). Not schema itself: ignored when objects are compared.
   */
  dependsOn: string[];
}

/** Fields that describe layout or provenance, not schema: never compared. */
export const NON_SCHEMA_FIELDS: ReadonlySet<string> = new Set(['dependsOn', 'position', 'reachableVersions', 'defaultVersion']);
