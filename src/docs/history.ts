/**
 * The migration history page (pure): for each migration, what its plan does, read from the
 * steps of the plan between the state before it and the state after it (diffSnapshots), never
 * from the migration's SQL text.
 */
import type { Snapshot } from '../core/model/index.js';
import { idKind } from '../core/ids.js';
import type { PlanStep } from '../engine/index.js';
import { HAZARDS, LOCK_LEVELS } from '../plan/types.js';
import { code, GENERATED_NOTE } from './markdown.js';
import { slugOf } from './model.js';

export interface MigrationEntry {
  version: string;
  name: string;
  /** The up file, relative to the project. */
  file: string;
  /** Plan from the state before this migration to the state after it. */
  steps: PlanStep[];
  before: Snapshot;
  after: Snapshot;
}

const KIND_LABEL: Record<string, [string, string]> = {
  index: ['index', 'indexes'],
  materialized_view: ['materialized view', 'materialized views'],
  row_security: ['row-level security setting', 'row-level security settings'],
  sequence_owner: ['sequence ownership', 'sequence ownerships'],
  default_privilege: ['default privilege', 'default privileges'],
  event_trigger: ['event trigger', 'event triggers'],
  composite_type: ['composite type', 'composite types'],
  range_type: ['range type', 'range types'],
  privilege: ['privilege', 'privileges'],
  policy: ['policy', 'policies'],
};

function plural(n: number, kind: string): string {
  const [one, many] = KIND_LABEL[kind] ?? [kind, `${kind}s`];
  return `${n} ${n === 1 ? one : many}`;
}

function tableRef(s: Snapshot, id: string): string {
  const t = s.objects.find((o) => o.id === id);
  return t && t.kind === 'table' ? `[${t.schema}.${t.name}](${slugOf(t.schema, t.name)}.md)` : code(id);
}

/** The page: one section per migration, oldest first. */
export function renderMigrationsPage(entries: MigrationEntry[]): string {
  const out: string[] = [GENERATED_NOTE, '', '# Migration history', ''];
  out.push(
    'One entry per migration in migrations/, oldest first. Each summary is the plan strata computes between the state',
    'before the migration and the state after it (both built by replaying migrations/), so it says what the migration',
    'does to the catalog, whoever wrote its SQL. A column renamed by a migration shows as dropped and added.',
    '',
  );
  if (!entries.length) out.push('There are no migrations yet.');
  for (const e of entries) out.push(...entrySection(e), '');
  return out.join('\n').trimEnd() + '\n';
}

function entrySection(e: MigrationEntry): string[] {
  const out = [`## ${e.version} ${e.name}`, '', `File: ${code(e.file)}. ${e.steps.length} planned statements.`, ''];
  if (!e.steps.length) return [...out, 'Changes nothing in the catalog.'];
  const of = (kind: string, op: PlanStep['op']) => e.steps.filter((s) => s.kind === kind && s.op === op);
  const tables: [string, PlanStep[], Snapshot][] = [
    ['Tables added', of('table', 'create'), e.after],
    ['Tables dropped', of('table', 'drop'), e.before],
    ['Tables altered', of('table', 'alter'), e.after],
  ];
  for (const [label, steps, snap] of tables) {
    const ids = [...new Set(steps.map((s) => s.objectId))];
    if (ids.length) out.push(`- ${label} (${ids.length}): ${ids.map((id) => tableRef(snap, id)).join(', ')}`);
  }
  // Columns of a new table are created with it; column steps are changes to existing tables.
  const parentOf = (id: string) => (e.after.objects.find((o) => o.id === id) ?? e.before.objects.find((o) => o.id === id))?.parent ?? null;
  for (const [label, op] of [['Columns added', 'create'], ['Columns dropped', 'drop'], ['Columns changed', 'alter']] as const) {
    const cols = of('column', op);
    if (!cols.length) continue;
    const byTable = new Map<string, string[]>();
    for (const s of cols) {
      const parent = parentOf(s.objectId) ?? '?';
      const o = [...e.after.objects, ...e.before.objects].find((x) => x.id === s.objectId);
      const name = o && o.kind === 'column' ? o.name : s.objectId;
      byTable.set(parent, [...new Set([...(byTable.get(parent) ?? []), name])]);
    }
    const parts = [...byTable].map(([t, names]) => `${tableRef(op === 'drop' ? e.before : e.after, t)} (${names.map(code).join(', ')})`);
    out.push(`- ${label} (${cols.length}): ${parts.join('; ')}`);
  }
  // Objects, not statements: one object can take several (CREATE then COMMENT ON).
  const other = new Map<string, Set<string>>();
  for (const st of e.steps) {
    if (st.kind === 'table' || st.kind === 'column') continue;
    const key = `${st.op}\u0000${st.kind}`;
    other.set(key, (other.get(key) ?? new Set()).add(st.objectId));
  }
  for (const op of ['create', 'alter', 'drop'] as const) {
    const parts = [...other].filter(([k]) => k.startsWith(`${op}\u0000`)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, ids]) => plural(ids.size, k.slice(op.length + 1)));
    if (parts.length) out.push(`- ${op === 'create' ? 'Created' : op === 'alter' ? 'Altered' : 'Dropped'}: ${parts.join(', ')}`);
  }
  // A hazard on a table this migration creates holds nothing up: no one uses the table yet.
  const created = new Set(of('table', 'create').map((st) => st.objectId));
  const tableOf = (id: string): string | null => {
    let cur = e.after.objects.find((o) => o.id === id) ?? e.before.objects.find((o) => o.id === id);
    while (cur && cur.kind !== 'table' && cur.parent) cur = e.after.objects.find((o) => o.id === cur!.parent) ?? e.before.objects.find((o) => o.id === cur!.parent);
    return cur?.kind === 'table' ? cur.id : null;
  };
  const onNew = new Set<string>();
  const hazards = HAZARDS.map((h) => {
    const ids = [...new Set(e.steps.filter((st) => st.hazards.includes(h)).map((st) => st.objectId))];
    for (const id of ids) if (created.has(tableOf(id) ?? '')) onNew.add(id);
    return [h, ids.filter((id) => !created.has(tableOf(id) ?? ''))] as const;
  }).filter(([, ids]) => ids.length);
  if (hazards.length) {
    out.push('- Hazards:');
    for (const [h, ids] of hazards) {
      const shown = ids.slice(0, 12).map((id) => (idKind(id) === 'table' ? tableRef(e.after, id) : code(id)));
      out.push(`  - ${code(h)} (${ids.length}): ${shown.join(', ')}${ids.length > shown.length ? `, and ${ids.length - shown.length} more` : ''}`);
    }
  } else out.push('- Hazards: none on existing tables');
  if (onNew.size) out.push(`- Hazards on tables this migration creates (harmless, nothing uses them yet): ${onNew.size} objects`);
  const strongest = e.steps.reduce((m, s) => Math.max(m, LOCK_LEVELS.indexOf(s.lock)), 0);
  out.push(`- Strongest lock: ${LOCK_LEVELS[strongest]}`);
  const nonTx = e.steps.filter((s) => !s.transactional).length;
  if (nonTx) out.push(`- Statements that cannot run in a transaction: ${nonTx}`);
  return out;
}
