import type { CatalogObject } from '../../core/model/index.js';
import type { SchemaRule } from '../types.js';
import { schemaFinding, schemaObjects } from './schema-helpers.js';

/** Objects of the kinds config `lint.comments` lists (default tables and columns) need COMMENT ON: the docs are built from them. */
export const missingComment: SchemaRule = {
  id: 'missing-comment',
  scope: 'schema',
  severity: 'warning',
  summary: 'an object has no COMMENT ON',
  check(s, ctx) {
    const kinds = new Set<string>(ctx.config.comments);
    const objects = schemaObjects(s);
    const name = (o: CatalogObject) => (o.kind === 'column' ? `${o.table}.${o.qname}` : o.kind === 'function' ? o.signature : 'qname' in o ? String(o.qname) : o.id);
    return s.snapshot.objects
      .filter((o) => kinds.has(o.kind) && o.comment === null)
      // A partition's columns are its parent's; a table's partitions are documented on the parent.
      .filter((o) => !(o.kind === 'table' && o.partitionOf) && !(o.kind === 'column' && (objects.get(o.parent ?? '') as { partitionOf?: unknown } | undefined)?.partitionOf))
      .map((o) => schemaFinding(s, ctx, 'missing-comment', o, `${o.kind.replace('_', ' ')} ${name(o)} has no comment`, `COMMENT ON ${o.kind.replace('_', ' ').toUpperCase()} ${name(o)} IS '...'`));
  },
};
