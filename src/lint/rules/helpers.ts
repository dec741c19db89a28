/** What migration rules share: where a step points, whether its table existed, what it costs. */
import type { CatalogObject } from '../../core/model/index.js';
import { locateObject, ObjectIndex } from '../locate.js';
import type { Finding, MigrationInput, RuleContext, StatementInfo } from '../types.js';

const indexes = new WeakMap<MigrationInput, { objects: ObjectIndex; before: Set<string> }>();

function view(m: MigrationInput) {
  let v = indexes.get(m);
  if (!v) {
    v = { objects: new ObjectIndex(m.after, m.before), before: new Set(m.before.objects.map((o) => o.id)) };
    indexes.set(m, v);
  }
  return v;
}

export function objectsOf(m: MigrationInput): ObjectIndex {
  return view(m).objects;
}

export function existedBefore(m: MigrationInput, id: string): boolean {
  return view(m).before.has(id);
}

/** The table or view a step's object belongs to, when it existed before the migration (it may hold rows). */
export function existingRelation(m: MigrationInput, objectId: string): CatalogObject | undefined {
  const r = objectsOf(m).relationOf(objectId);
  return r && existedBefore(m, r.id) ? r : undefined;
}

/** Statement kinds that most likely made a change to an object of each kind. */
const PREFER: Record<string, string[]> = {
  privilege: ['GrantStmt'],
  policy: ['CreatePolicyStmt', 'AlterPolicyStmt', 'DropStmt'],
  row_security: ['AlterTableStmt'],
  column: ['AlterTableStmt'],
  constraint: ['AlterTableStmt'],
  index: ['IndexStmt'],
};

export function statementFor(m: MigrationInput, objectId: string): StatementInfo | undefined {
  return locateObject(objectId, objectsOf(m), m.statements, PREFER[objectsOf(m).get(objectId)?.kind ?? ''] ?? []);
}

export function migrationFinding(m: MigrationInput, ctx: RuleContext, rule: string, objectId: string | undefined, message: string, hint?: string): Finding {
  const s = objectId ? statementFor(m, objectId) : undefined;
  return {
    rule,
    severity: ctx.severity,
    file: m.upFile,
    line: s?.line ?? m.statements[0]?.line ?? 1,
    message,
    ...(objectId ? { subject: objectId } : {}),
    ...(hint ? { hint } : {}),
  };
}

/** ` on public.t (~1,200,000 rows, 3.1 GB)` when the target database's size of the table is known. */
export function sizeNote(m: MigrationInput, relation: CatalogObject | undefined): string {
  if (!relation || !m.sizes) return '';
  const s = m.sizes[relation.id];
  return s ? ` (${s.rows === null ? 'rows unknown' : `~${s.rows.toLocaleString('en-US')} rows`}, ${formatBytes(s.bytes)} on the target)` : '';
}

/** True when the target says the table is empty (a populated-table rule then has nothing to fear). */
export function knownEmpty(m: MigrationInput, relation: CatalogObject): boolean {
  return m.sizes?.[relation.id]?.rows === 0;
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) (v /= 1024), i++;
  return `${i ? v.toFixed(1) : v} ${units[i]}`;
}

export function qname(o: CatalogObject | undefined): string {
  return o && 'qname' in o ? String(o.qname) : (o?.id ?? '?');
}
