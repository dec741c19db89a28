/**
 * Where a finding about a catalog object points: the statement that names the
 * object itself, else the first one that names its relation (CREATE before ALTER),
 * else the file's first statement. Statements carry ids read from parse trees
 * (src/lint-run/statements.ts); objects are looked up by id in the snapshots.
 */
import { makeId } from '../core/ids.js';
import type { CatalogObject, Snapshot } from '../core/model/index.js';
import type { StatementInfo } from './types.js';

const RELATION_KINDS = new Set(['table', 'view', 'materialized_view']);

export function relationKey(schema: string, name: string): string {
  return makeId('relation', schema, name);
}

/** What a GRANT or REVOKE statement names: one key per table, grantee and privilege keyword (`ALL` for ALL). */
export function grantKey(schema: string, table: string, grantee: string, privilege: string): string {
  return makeId('grant', schema, table, grantee, privilege);
}

export class ObjectIndex {
  private readonly byId = new Map<string, CatalogObject>();
  constructor(...snapshots: Snapshot[]) {
    for (const s of snapshots) for (const o of s.objects) if (!this.byId.has(o.id)) this.byId.set(o.id, o);
  }
  get(id: string): CatalogObject | undefined {
    return this.byId.get(id);
  }
  /** The table or view an object belongs to (itself for a relation). */
  relationOf(id: string): CatalogObject | undefined {
    let o = this.byId.get(id);
    for (let depth = 0; o && depth < 4; depth++) {
      if (RELATION_KINDS.has(o.kind)) return o;
      o = o.parent ? this.byId.get(o.parent) : undefined;
    }
    return undefined;
  }
  relationKeyOf(id: string): string | undefined {
    const r = this.relationOf(id) as { schema: string; name: string } | undefined;
    return r ? relationKey(r.schema, r.name) : undefined;
  }
  /** The id a statement's parse tree would give the object (functions without their argument list). */
  statementKey(id: string): string {
    const o = this.byId.get(id);
    if (o?.kind === 'function') return makeId('function', o.schema, o.name);
    return id;
  }
}

export function locateObject(id: string, objects: ObjectIndex, statements: StatementInfo[], prefer: readonly string[] = []): StatementInfo | undefined {
  const own = objects.statementKey(id);
  // A COMMENT ON names an object without making it: the statement that creates or alters it is the place.
  const direct = statements.find((s) => s.kind !== 'CommentStmt' && s.objects.includes(own));
  if (direct) return direct;
  const relKey = objects.relationKeyOf(id);
  if (!relKey) return undefined;
  const named = statements.filter((s) => s.relations.includes(relKey));
  return named.find((s) => prefer.includes(s.kind)) ?? named.find((s) => s.kind === 'CreateStmt' || s.kind === 'ViewStmt' || s.kind === 'CreateTableAsStmt') ?? named[0];
}

/** The statement holding `line` of `file` (the last one starting at or before it). */
export function statementAt(statements: StatementInfo[], file: string, line: number): StatementInfo | undefined {
  let found: StatementInfo | undefined;
  for (const s of statements) if (s.file === file && s.line <= line) found = s;
  return found;
}
