/** What desired-state rules share: where an object is defined, and the objects of a kind. */
import type { CatalogObject, ObjectKind, ObjectOfKind } from '../../core/model/index.js';
import { locateObject, ObjectIndex } from '../locate.js';
import type { Finding, RuleContext, SchemaInput } from '../types.js';

const indexes = new WeakMap<SchemaInput, ObjectIndex>();

export function schemaObjects(s: SchemaInput): ObjectIndex {
  let v = indexes.get(s);
  if (!v) indexes.set(s, (v = new ObjectIndex(s.snapshot)));
  return v;
}

export function ofKind<K extends ObjectKind>(s: SchemaInput, kind: K): ObjectOfKind<K>[] {
  return s.snapshot.objects.filter((o): o is ObjectOfKind<K> => o.kind === kind);
}

const PREFER: Record<string, string[]> = {
  column: ['CreateStmt', 'AlterTableStmt'],
  index: ['IndexStmt'],
  policy: ['CreatePolicyStmt'],
  row_security: ['AlterTableStmt'],
};

export function schemaFinding(s: SchemaInput, ctx: RuleContext, rule: string, o: CatalogObject | string, message: string, hint?: string): Finding {
  const id = typeof o === 'string' ? o : o.id;
  const kind = schemaObjects(s).get(id)?.kind ?? '';
  const stmt = locateObject(id, schemaObjects(s), s.statements, PREFER[kind] ?? []);
  return { rule, severity: ctx.severity, file: stmt?.file ?? 'schema', line: stmt?.line ?? 1, message, subject: id, ...(hint ? { hint } : {}) };
}

/** Tables that are not partitions (a partition inherits keys, policies and comments' purpose from its parent). */
export function plainTables(s: SchemaInput): ObjectOfKind<'table'>[] {
  return ofKind(s, 'table').filter((t) => !t.partitionOf);
}
