/**
 * Mermaid `erDiagram` sources from the docs model (pure). Entities are named by their
 * qualified name in double quotes; one relationship line per foreign key, labelled with the
 * constraint's name, parent on the left:
 *   "public.projects" ||--o{ "public.tasks" : "tasks_project_fkey"
 * `||`/`|o` on the parent side says whether the child's key columns are NOT NULL; `o{`/`o|` on
 * the child side whether they are unique (one child at most).
 */
import type { DocModel, DocRelation, DocTable } from './model.js';

/** How much of an entity to draw: every column, only key columns, or just the name. */
export type Detail = 'all' | 'keys' | 'name';

/** Mermaid attribute words allow letters, digits, `_`, `-`, `[]` and `()`; anything else becomes `_`. */
function word(s: string): string {
  const w = [...s].map((ch) => (/[A-Za-z0-9_\-[\]()]/.test(ch) ? ch : '_')).join('');
  return /^[A-Za-z_*]/.test(w) ? w : `_${w}`;
}

function label(s: string): string {
  return `"${s.replace(/"/g, "'")}"`;
}

export function entityName(t: Pick<DocTable, 'schema' | 'name'>): string {
  return label(`${t.schema}.${t.name}`);
}

/** The type as the diagram shows it: without the table's own schema prefix. */
function shortType(type: string, schema: string): string {
  return type.startsWith(`${schema}.`) ? type.slice(schema.length + 1) : type;
}

function entity(t: DocTable, detail: Detail): string[] {
  const cols = detail === 'all' ? t.columns : detail === 'keys' ? t.columns.filter((c) => c.keys.length) : [];
  if (!cols.length) return [`  ${entityName(t)} {`, '  }'];
  return [
    `  ${entityName(t)} {`,
    ...cols.map((c) => `    ${word(shortType(c.type, t.schema))} ${word(c.name)}${c.keys.length ? ' ' + c.keys.join(', ') : ''}`),
    '  }',
  ];
}

export function relationLine(r: DocRelation, name: (id: string) => string): string {
  const parent = r.optional ? '|o' : '||';
  const child = r.oneToOne ? 'o|' : 'o{';
  return `  ${name(r.to)} ${parent}--${child} ${name(r.from)} : ${label(r.name)}`;
}

/**
 * An erDiagram of `tables` (ids) and every foreign key between two of them. `detail` says how
 * each table is drawn; tables outside `tables` never appear.
 */
export function erDiagram(
  model: DocModel,
  tables: string[],
  detail: (t: DocTable) => Detail,
  edge: (r: DocRelation) => boolean = () => true,
): string {
  const wanted = new Set(tables);
  const list = model.tables.filter((t) => wanted.has(t.id));
  const byId = new Map(model.tables.map((t) => [t.id, t] as const));
  const name = (id: string) => entityName(byId.get(id)!);
  const lines = ['erDiagram'];
  for (const t of list) lines.push(...entity(t, detail(t)));
  for (const r of model.relations) if (wanted.has(r.from) && wanted.has(r.to) && edge(r)) lines.push(relationLine(r, name));
  return lines.join('\n') + '\n';
}

/** Tables drawn in diagrams: partitions are shown on their parent's page, not as entities. */
export function diagramTables(model: DocModel): DocTable[] {
  return model.tables.filter((t) => !t.partitionOf);
}

/** The whole schema: every table with its key columns. */
export function schemaDiagram(model: DocModel): string {
  return erDiagram(model, diagramTables(model).map((t) => t.id), () => 'keys');
}

/** One domain: its tables with every column, and the tables of other domains they reference or are referenced by, by name. */
export function domainDiagram(model: DocModel, domain: string): string {
  const own = new Set(diagramTables(model).filter((t) => t.domain === domain).map((t) => t.id));
  const ids = new Set(own);
  for (const r of model.relations) {
    if (own.has(r.from)) ids.add(r.to);
    if (own.has(r.to)) ids.add(r.from);
  }
  return erDiagram(model, [...ids], (t) => (own.has(t.id) ? 'all' : 'name'));
}

/** One table with every column, its direct neighbours with their key columns, and the foreign keys between it and them. */
export function tableDiagram(model: DocModel, table: DocTable): string {
  const ids = new Set([table.id, ...table.outgoing.map((r) => r.to), ...table.incoming.map((r) => r.from)]);
  return erDiagram(model, [...ids], (t) => (t.id === table.id ? 'all' : 'keys'), (r) => r.from === table.id || r.to === table.id);
}
