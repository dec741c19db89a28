/**
 * Schemas that hold migration bookkeeping (strata's history, Atlas's revisions
 * table) are not part of any state: they are left out of every snapshot.
 */
import type { CatalogObject, Snapshot } from '../core/model/index.js';
import { idPart, makeId } from '../core/ids.js';

export const BOOKKEEPING_SCHEMAS: readonly string[] = ['strata', 'atlas_schema_revisions'];

/**
 * The snapshot without the bookkeeping schemas and everything inside or over them:
 * an object goes when its schema is one of them, or its parent or anything it
 * depends on goes (grants, owners, comments and indexes of the history table).
 */
export function withoutBookkeeping(s: Snapshot, schemas: readonly string[] = BOOKKEEPING_SCHEMAS): Snapshot {
  const gone = new Set(schemas.map((n) => makeId('schema', n)));
  if (!s.objects.some((o) => gone.has(o.id))) return s;
  const inSchema = (o: CatalogObject) => {
    const schema = (o as { schema?: unknown }).schema;
    return typeof schema === 'string' && (schemas.includes(schema) || schemas.some((n) => idPart(n) === schema));
  };
  // Parents and dependencies can come later in id order: repeat until nothing more goes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const o of s.objects) {
      if (gone.has(o.id)) continue;
      if (inSchema(o) || (o.parent !== null && gone.has(o.parent)) || o.dependsOn.some((d) => gone.has(d))) {
        gone.add(o.id);
        changed = true;
      }
    }
  }
  return { ...s, objects: s.objects.filter((o) => !gone.has(o.id)) };
}
