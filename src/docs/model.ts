/**
 * The docs' view of a catalog (pure): a Snapshot regrouped per table (columns, keys, indexes,
 * triggers, RLS, grants, partitions, references in and out) and per domain. Every renderer
 * (Markdown, Mermaid, HTML) reads this one model, so the pages and the diagrams cannot disagree.
 *
 * Foreign keys are read from the catalog's dependency data, not from their definition text: a
 * foreign key depends on the referenced table's key (a primary key, a unique constraint or a
 * unique index, whose parent is the referenced table) and on its own columns.
 */
import type {
  CatalogObject,
  ColumnObject,
  CompositeTypeObject,
  ConstraintObject,
  DomainObject,
  EnumObject,
  ExtensionObject,
  FunctionObject,
  IndexObject,
  MaterializedViewObject,
  PolicyObject,
  PrivilegeObject,
  RangeTypeObject,
  RowSecurityObject,
  Snapshot,
  TableObject,
  TriggerObject,
  ViewObject,
} from '../core/model/index.js';
import { idKind } from '../core/ids.js';

/** `table:schema.name` | `view:…` | `type:…` | `function:schema.name` → the schema file that creates it (see domains.ts). */
export type DomainMap = Record<string, string>;

/** Domain of objects no schema file creates (e.g. made by a migration only). */
export const NO_DOMAIN = '(no schema file)';

export type KeyMark = 'PK' | 'FK' | 'UK';

export interface DocColumn {
  id: string;
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  /** `generated always as identity` or `generated always as (expr) stored`, else null. */
  generated: string | null;
  collation: string | null;
  comment: string | null;
  keys: KeyMark[];
}

/** One foreign key, as an edge between two tables. */
export interface DocRelation {
  constraintId: string;
  name: string;
  /** Referencing (child) and referenced (parent) table ids. */
  from: string;
  to: string;
  /** The referencing columns (by catalog dependency, in column order). */
  fromColumns: string[];
  /** pg_get_constraintdef text. */
  definition: string;
  /** True when a referencing column is nullable: a row may reference nothing. */
  optional: boolean;
  /** True when the referencing columns are themselves unique (at most one child per parent). */
  oneToOne: boolean;
}

export interface DocTable {
  id: string;
  schema: string;
  name: string;
  qname: string;
  /** File name stem of its page: `<schema>.<table>`. */
  slug: string;
  comment: string | null;
  domain: string;
  /** Schema file that creates it, or null. */
  file: string | null;
  unlogged: boolean;
  columns: DocColumn[];
  constraints: ConstraintObject[];
  indexes: IndexObject[];
  triggers: TriggerObject[];
  rowSecurity: { enabled: boolean; forced: boolean };
  policies: PolicyObject[];
  /** Table-level and column-level privileges, sorted by id. */
  privileges: PrivilegeObject[];
  owner: string | null;
  partitionKey: string | null;
  partitionOf: { parent: string; bound: string } | null;
  /** Partitions (ids) with their bounds. */
  partitions: { id: string; bound: string }[];
  inherits: string[];
  outgoing: DocRelation[];
  incoming: DocRelation[];
}

export interface DocDomain {
  name: string;
  file: string | null;
  tables: string[];
  views: string[];
  types: string[];
  functions: string[];
}

export interface DocModel {
  /** Sorted by id. */
  tables: DocTable[];
  views: (ViewObject | MaterializedViewObject)[];
  functions: FunctionObject[];
  enums: EnumObject[];
  domainTypes: DomainObject[];
  composites: CompositeTypeObject[];
  ranges: RangeTypeObject[];
  extensions: ExtensionObject[];
  /** Sorted by file (schema path order), the domain without a file last. */
  domains: DocDomain[];
  /** Every foreign key, sorted by constraint id. */
  relations: DocRelation[];
  /** Domain of any object id the model lists. */
  domainOf: Record<string, string>;
  /** Roles named by grants or policies, sorted. */
  roles: string[];
}

/** A page's file name stem: `schema.name`, with characters unsafe in file names replaced. */
export function slugOf(schema: string, name: string): string {
  const safe = (s: string) => [...s].map((ch) => (/[A-Za-z0-9_-]/.test(ch) ? ch : '_')).join('');
  return `${safe(schema)}.${safe(name)}`;
}

function by<T extends CatalogObject>(objects: CatalogObject[], kind: T['kind']): T[] {
  return objects.filter((o): o is T => o.kind === kind);
}

function group<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildModel(snapshot: Snapshot, domainMap: DomainMap): DocModel {
  const objects = snapshot.objects;
  const byId = new Map(objects.map((o) => [o.id, o] as const));
  const tables = by<TableObject>(objects, 'table');
  const tableByQname = new Map(tables.map((t) => [t.qname, t] as const));
  const columns = by<ColumnObject>(objects, 'column');
  const columnsOf = group(columns, (c) => c.parent);
  const constraints = by<ConstraintObject>(objects, 'constraint');
  const constraintsOf = group(constraints, (c) => c.parent);
  const indexesOf = group(by<IndexObject>(objects, 'index'), (i) => i.parent);
  const triggersOf = group(by<TriggerObject>(objects, 'trigger'), (t) => t.parent);
  const policiesOf = group(by<PolicyObject>(objects, 'policy'), (p) => p.parent);
  const rls = new Map(by<RowSecurityObject>(objects, 'row_security').map((o) => [o.parent!, o] as const));
  const owners = new Map(objects.filter((o) => o.kind === 'owner').map((o) => [o.parent!, o.role] as const));
  const privileges = by<PrivilegeObject>(objects, 'privilege').filter((p) => p.targetType === 'TABLE');
  const tableOfParent = (id: string | null) => {
    const p = id ? byId.get(id) : undefined;
    return p?.kind === 'table' ? p.id : p?.kind === 'column' ? p.parent : null;
  };
  const privilegesOf = group(privileges, (p) => tableOfParent(p.parent));
  const colsOfDeps = (o: CatalogObject, tableId: string) =>
    o.dependsOn.filter((d) => idKind(d) === 'column' && byId.get(d)?.parent === tableId);

  // Key columns per table: which constraint (by type) covers which columns, from dependencies.
  const keyCols = new Map<string, { pk: Set<string>; uniques: Set<string>[] }>();
  for (const c of constraints) {
    if (c.type !== 'primary key' && c.type !== 'unique') continue;
    const entry = keyCols.get(c.parent!) ?? { pk: new Set<string>(), uniques: [] };
    const cols = new Set(colsOfDeps(c, c.parent!));
    if (c.type === 'primary key') entry.pk = cols;
    entry.uniques.push(cols);
    keyCols.set(c.parent!, entry);
  }

  const relations: DocRelation[] = [];
  for (const c of constraints) {
    if (c.type !== 'foreign key') continue;
    const key = c.dependsOn
      .map((d) => byId.get(d))
      .find((o) => o && o.id !== c.id && (o.kind === 'constraint' || o.kind === 'index'));
    const to = key?.parent;
    if (!key || !to) continue;
    const own = colsOfDeps(c, c.parent!);
    // A self-reference depends on both ends' columns in the same table: the key's own columns are the referenced end.
    const keyOwn = new Set(colsOfDeps(key, to));
    const local = to === c.parent ? own.filter((d) => !keyOwn.has(d)) : own;
    const fromColumns = (local.length ? local : own).map((d) => byId.get(d) as ColumnObject).sort((a, b) => a.position - b.position);
    const set = new Set(fromColumns.map((f) => f.id));
    const uniques = keyCols.get(c.parent!)?.uniques ?? [];
    relations.push({
      constraintId: c.id,
      name: c.name,
      from: c.parent!,
      to,
      fromColumns: fromColumns.map((f) => f.name),
      definition: c.definition,
      optional: fromColumns.some((f) => !f.notNull),
      oneToOne: uniques.some((u) => u.size > 0 && [...u].every((x) => set.has(x))),
    });
  }
  relations.sort((a, b) => cmp(a.constraintId, b.constraintId));
  const outgoing = group(relations, (r) => r.from);
  const incoming = group(relations, (r) => r.to);
  const fkCols = new Set(relations.flatMap((r) => r.fromColumns.map((n) => `${r.from}\u0000${n}`)));

  const fileOf = (kind: string, schema: string, name: string) => domainMap[`${kind}:${schema}.${name}`] ?? null;
  const domainOfFile = (file: string | null) => (file === null ? NO_DOMAIN : domainLabel(file));

  const docTables: DocTable[] = tables.map((t) => {
    const keys = keyCols.get(t.id);
    const parent = t.partitionOf ? tableByQname.get(t.partitionOf.parent) : undefined;
    // A partition's columns are its parent's: the catalog model lists them on the parent only.
    const cols = (columnsOf.get(t.id) ?? (parent ? columnsOf.get(parent.id) : undefined) ?? []).slice().sort((a, b) => a.position - b.position);
    // A partition lives where its parent does when no file names it (partitions made by a function or a migration).
    const file = fileOf('table', t.schema, t.name) ?? (parent ? fileOf('table', parent.schema, parent.name) : null);
    return {
      id: t.id,
      schema: t.schema,
      name: t.name,
      qname: t.qname,
      slug: slugOf(t.schema, t.name),
      comment: t.comment,
      domain: domainOfFile(file),
      file,
      unlogged: t.unlogged,
      columns: cols.map((c) => ({
        id: c.id,
        name: c.name,
        type: c.type,
        nullable: !c.notNull,
        default: c.default,
        generated: c.identity
          ? `generated ${c.identity.generation} as identity`
          : c.generated
            ? `generated always as (${c.generated.expression})${c.generated.stored ? ' stored' : ''}`
            : null,
        collation: c.collation,
        comment: c.comment,
        keys: [
          ...(keys?.pk.has(c.id) ? (['PK'] as const) : []),
          ...(fkCols.has(`${t.id}\u0000${c.name}`) ? (['FK'] as const) : []),
          ...(!keys?.pk.has(c.id) && keys?.uniques.some((u) => u.size === 1 && u.has(c.id)) ? (['UK'] as const) : []),
        ],
      })),
      constraints: constraintsOf.get(t.id) ?? [],
      indexes: indexesOf.get(t.id) ?? [],
      triggers: triggersOf.get(t.id) ?? [],
      rowSecurity: { enabled: rls.get(t.id)?.enabled ?? false, forced: rls.get(t.id)?.forced ?? false },
      policies: policiesOf.get(t.id) ?? [],
      privileges: privilegesOf.get(t.id) ?? [],
      owner: owners.get(t.id) ?? null,
      partitionKey: t.partitionKey,
      partitionOf: t.partitionOf ? { parent: tableByQname.get(t.partitionOf.parent)?.id ?? t.partitionOf.parent, bound: t.partitionOf.bound } : null,
      partitions: tables.filter((p) => p.partitionOf?.parent === t.qname).map((p) => ({ id: p.id, bound: p.partitionOf!.bound })),
      inherits: t.inherits.map((q) => tableByQname.get(q)?.id ?? q),
      outgoing: outgoing.get(t.id) ?? [],
      incoming: incoming.get(t.id) ?? [],
    };
  });

  const views = objects.filter((o): o is ViewObject | MaterializedViewObject => o.kind === 'view' || o.kind === 'materialized_view');
  const functions = by<FunctionObject>(objects, 'function');
  const enums = by<EnumObject>(objects, 'enum');
  const domainTypes = by<DomainObject>(objects, 'domain');
  const composites = by<CompositeTypeObject>(objects, 'composite_type');
  const ranges = by<RangeTypeObject>(objects, 'range_type');

  const domainOf: Record<string, string> = {};
  const files = new Map<string, string | null>();
  const domainEntries = new Map<string, DocDomain>();
  const place = (id: string, file: string | null, list: keyof Pick<DocDomain, 'tables' | 'views' | 'types' | 'functions'>) => {
    const name = domainOfFile(file);
    domainOf[id] = name;
    if (!files.has(name)) files.set(name, file);
    const d = domainEntries.get(name) ?? { name, file, tables: [], views: [], types: [], functions: [] };
    d[list].push(id);
    domainEntries.set(name, d);
  };
  for (const t of docTables) place(t.id, t.file, 'tables');
  for (const v of views) place(v.id, fileOf('view', v.schema, v.name), 'views');
  for (const e of [...enums, ...domainTypes, ...composites, ...ranges].sort((a, b) => cmp(a.id, b.id))) place(e.id, fileOf('type', e.schema, e.name), 'types');
  for (const f of functions) place(f.id, fileOf('function', f.schema, f.name), 'functions');
  const domains = [...domainEntries.values()].sort((a, b) =>
    a.file === null ? 1 : b.file === null ? -1 : cmp(a.file, b.file),
  );

  const roles = new Set<string>();
  for (const p of privileges) roles.add(p.grantee);
  for (const t of docTables) for (const p of t.policies) for (const r of p.roles) roles.add(r);

  return {
    tables: docTables,
    views,
    functions,
    enums,
    domainTypes,
    composites,
    ranges,
    extensions: by<ExtensionObject>(objects, 'extension'),
    domains,
    relations,
    domainOf,
    roles: [...roles].sort(cmp),
  };
}

/** `schema/060_planning.sql` → `planning`: the file's base name without its ordering prefix and extension. */
export function domainLabel(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.sql$/, '');
  const i = base.search(/[^0-9_]/);
  return i > 0 ? base.slice(i) : base;
}
