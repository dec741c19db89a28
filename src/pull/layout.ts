/**
 * A plan that creates a whole database → desired-state files a person would have
 * written (pure). One file per unit of the schema: a schema with its grants and default
 * privileges, the extensions, each schema's types, each table with its sequences,
 * partitions, indexes, constraints, triggers, policies, comments and grants, each
 * function (overloads together), each view, then the default privileges. Files are numbered so that path order
 * rebuilds: a file comes after the files holding what it uses (foreign keys, types,
 * functions in defaults), functions and views after tables unless a table needs them.
 * A statement that needs something of a later file (a foreign-key cycle) moves to that
 * file, so every file applies in order.
 */
import type { CatalogObject, ObjectKind, Snapshot } from '../core/model/index.js';
import type { PlanStep } from '../plan/types.js';
import { Heap } from '../plan/heap.js';

export interface PulledFile {
  /** Relative path inside the output folder, e.g. `0012_public.users.sql`. */
  path: string;
  /** Objects the file holds (the ids of its units), for reports. */
  objects: string[];
  content: string;
}

interface Unit {
  key: string;
  /** Tie-break among units whose dependencies allow either order: lower first. */
  rank: number;
  label: string;
  steps: number[];
  ids: string[];
}

/** Lower first where dependencies allow: what is used before what uses it, functions and views after tables. */
const RANK = {
  roles: 0,
  globals: 1,
  schema: 2,
  extension: 3,
  types: 4,
  sequence: 5,
  table: 6,
  function: 7,
  view: 8,
  materialized_view: 9,
  event_trigger: 10,
  defaults: 11,
} as const;

/**
 * Default privileges come last, as in the plan: they apply to objects created after them,
 * and the objects above were given exactly the grants the database holds.
 */
const DEFAULTS = 'default_privileges:';

const TYPE_KINDS = new Set<ObjectKind>(['enum', 'domain', 'composite_type', 'range_type', 'collation']);

/**
 * `steps`: the plan from an empty database to `snapshot` (in plan order); `roles`: CREATE ROLE
 * statements for a first file.
 */
export function layoutFiles(
  snapshot: Snapshot,
  steps: readonly PlanStep[],
  roles: readonly string[] = [],
  /** Dependencies the catalog does not record (what SQL function bodies use): object id → ids. */
  extraDependsOn: ReadonlyMap<string, readonly string[]> = new Map(),
): PulledFile[] {
  const byId = new Map(snapshot.objects.map((o) => [o.id, o]));
  const root = (id: string): CatalogObject | undefined => {
    let o = byId.get(id);
    const seen = new Set<string>();
    while (o?.parent && byId.has(o.parent) && !seen.has(o.id)) {
      seen.add(o.id);
      o = byId.get(o.parent);
    }
    return o;
  };
  // The table named `qname` among what `o` depends on (directly or through one of its columns).
  const tableOf = (o: CatalogObject, qname: string): CatalogObject | undefined =>
    o.dependsOn
      .map((d) => byId.get(d))
      .map((x) => (x?.kind === 'column' && x.parent ? byId.get(x.parent) : x))
      .find((x) => x?.kind === 'table' && x.qname === qname);
  // A sequence owned by a column lives with its table; a partition with its parent table.
  const ownedBy = new Map<string, CatalogObject>();
  for (const o of snapshot.objects) {
    if (o.kind !== 'sequence_owner' || !o.parent) continue;
    const t = tableOf(o, o.table);
    if (t) ownedBy.set(o.parent, t);
  }
  // A function only one table's objects use (a trigger function) lives with that table: its
  // body may name the table (`comments%ROWTYPE`), which the catalog does not record.
  const usedBy = new Map<string, Set<string>>();
  for (const o of snapshot.objects) {
    for (const d of o.dependsOn) {
      if (byId.get(d)?.kind !== 'function' || d === o.id) continue;
      const r = root(o.id);
      if (!r || r.id === d) continue; // the function's own grants and owner
      (usedBy.get(d) ?? usedBy.set(d, new Set()).get(d)!).add(r.id);
    }
  }
  const withTable = new Map<string, CatalogObject>();
  for (const [fn, users] of usedBy) {
    const only = users.size === 1 ? byId.get([...users][0]!) : undefined;
    if (only?.kind === 'table') withTable.set(fn, only);
  }
  const units = new Map<string, Unit>();
  const unitOf = (id: string): Unit => {
    let top = root(id);
    for (let guard = 0; top && guard < 64; guard++) {
      const next: CatalogObject | undefined =
        top.kind === 'sequence'
          ? ownedBy.get(top.id)
          : top.kind === 'table' && top.partitionOf
            ? tableOf(top, top.partitionOf.parent)
            : top.kind === 'function'
              ? withTable.get(top.id)
              : undefined;
      if (!next) break;
      top = next;
    }
    const [key, rank, label] = describe(top, byId);
    let u = units.get(key);
    if (!u) units.set(key, (u = { key, rank, label, steps: [], ids: [] }));
    if (top && !u.ids.includes(top.id)) u.ids.push(top.id);
    return u;
  };

  const home: Unit[] = steps.map((s) => unitOf(s.objectId));
  if (roles.length) units.set('roles:', { key: 'roles:', rank: RANK.roles, label: 'roles', steps: [], ids: [] });
  // Where each object is created: the unit of its first step, or of the nearest ancestor that has one.
  const firstStep = new Map<string, number>();
  steps.forEach((s, i) => {
    if (!firstStep.has(s.objectId)) firstStep.set(s.objectId, i);
  });
  const createdAt = (id: string): number | undefined => {
    for (let x: string | null | undefined = id, guard = 0; x && guard < 64; x = byId.get(x)?.parent, guard++) {
      const i = firstStep.get(x);
      if (i !== undefined) return i;
    }
    return undefined;
  };
  const depSteps = steps.map((s, i) => [...new Set([...s.dependsOn, ...(byId.get(s.objectId)?.dependsOn ?? []), ...(extraDependsOn.get(s.objectId) ?? [])])]
    .map(createdAt)
    .filter((j): j is number => j !== undefined && j !== i));

  // Order units: a unit after the units its statements need, lower rank first, then by key.
  const order = orderUnits([...units.values()].filter((u) => u.key !== DEFAULTS), home, depSteps);
  if (units.has(DEFAULTS)) order.push(units.get(DEFAULTS)!);
  const pos = new Map(order.map((u, i) => [u, i]));
  // A statement needing a later unit (a cycle the order had to break) moves there.
  const at = home.map((u) => pos.get(u)!);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < steps.length; i++) {
      const need = Math.max(at[i]!, ...depSteps[i]!.map((j) => at[j]!));
      if (need > at[i]!) {
        at[i] = need;
        changed = true;
      }
    }
  }
  steps.forEach((_, i) => order[at[i]!]!.steps.push(i));

  const width = Math.max(3, String(order.length).length);
  const files: PulledFile[] = [];
  let n = 0;
  for (const u of order) {
    if (u.key === 'roles:' ? !roles.length : !u.steps.length) continue;
    n++;
    const body = u.key === 'roles:' ? roles.map((r) => `${r.replace(/;\s*$/, '')};\n`).join('') : render(u.steps.map((i) => steps[i]!));
    files.push({ path: `${String(n).padStart(width, '0')}_${u.label}.sql`, objects: u.ids, content: body });
  }
  return files;
}

function orderUnits(units: Unit[], home: Unit[], depSteps: number[][]): Unit[] {
  const out = new Map<Unit, Set<Unit>>(units.map((u) => [u, new Set()]));
  const inDegree = new Map<Unit, number>(units.map((u) => [u, 0]));
  depSteps.forEach((deps, i) => {
    for (const j of deps) {
      const [a, b] = [home[j]!, home[i]!];
      if (a === b || out.get(a)!.has(b)) continue;
      out.get(a)!.add(b);
      inDegree.set(b, inDegree.get(b)! + 1);
    }
  });
  const less = (a: Unit, b: Unit) => (a.rank !== b.rank ? a.rank < b.rank : a.key < b.key);
  const ready = new Heap<Unit>(less);
  for (const u of units) if (inDegree.get(u) === 0) ready.push(u);
  const done = new Set<Unit>();
  const ordered: Unit[] = [];
  while (ordered.length < units.length) {
    let u = ready.pop();
    if (!u) {
      // A cycle between units (tables whose foreign keys point at each other): take the
      // first remaining one; its statements that need a later unit move there.
      u = units.filter((x) => !done.has(x)).sort((a, b) => (less(a, b) ? -1 : 1))[0]!;
    }
    if (done.has(u)) continue;
    done.add(u);
    ordered.push(u);
    for (const v of out.get(u)!) {
      inDegree.set(v, inDegree.get(v)! - 1);
      if (inDegree.get(v) === 0 && !done.has(v)) ready.push(v);
    }
  }
  return ordered;
}

/** [unit key, rank, file label] of a top-level object. */
function describe(o: CatalogObject | undefined, byId: Map<string, CatalogObject>): [string, number, string] {
  if (!o) return ['globals:', RANK.globals, 'database'];
  const schemaOf = (x: CatalogObject): string | undefined => {
    for (const d of x.dependsOn) {
      const s = byId.get(d);
      if (s?.kind === 'schema') return s.name;
    }
    return undefined;
  };
  switch (o.kind) {
    case 'schema':
      return [`schema:${o.name}`, RANK.schema, `schema.${safe(o.name)}`];
    case 'extension':
      return ['extensions:', RANK.extension, 'extensions'];
    case 'default_privilege':
      return [DEFAULTS, RANK.defaults, 'default_privileges'];
    case 'event_trigger':
      return ['event_triggers:', RANK.event_trigger, 'event_triggers'];
    case 'function':
      return [`function:${o.schema}.${o.name}`, RANK.function, `${safe(o.schema)}.${safe(o.name)}.function`];
    case 'view':
    case 'materialized_view':
    case 'sequence':
      return [o.id, RANK[o.kind], `${safe(o.schema)}.${safe(o.name)}.${o.kind === 'materialized_view' ? 'matview' : o.kind}`];
    case 'table':
      return [o.id, RANK.table, `${safe(o.schema)}.${safe(o.name)}`];
    default: {
      if (TYPE_KINDS.has(o.kind)) {
        const s = (o as { schema: string }).schema;
        return [`types:${s}`, RANK.types, `${safe(s)}.types`];
      }
      return ['globals:', RANK.globals, 'database'];
    }
  }
}

/** A name as a file-name part: letters, digits, `_` and `-`; anything else becomes `_`. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

const BLOCK_BY_KIND = new Set<ObjectKind>(['privilege', 'policy', 'owner', 'row_security', 'constraint', 'index', 'trigger', 'sequence_owner']);

/** Statements, a blank line between objects; grants, policies and comments of one object stay together. */
function render(steps: PlanStep[]): string {
  const lines: string[] = [];
  let last: string | undefined;
  for (const s of steps) {
    const block = BLOCK_BY_KIND.has(s.kind) ? s.kind : s.objectId;
    if (last !== undefined && block !== last) lines.push('');
    last = block;
    if (s.note) lines.push(`-- ${s.note}`);
    lines.push(`${s.sql};`);
  }
  return lines.join('\n') + '\n';
}
