/**
 * Object filters: which objects of a database strata looks at. Objects another tool
 * owns (a hosted platform's `auth` schema, pg_partman's partitions, PostGIS tables)
 * are filtered out of every snapshot, so no command diffs, drops, pulls or reports them.
 *
 * A rule names a schema, a kind and a name, each optional, schema and name as globs
 * (`*` any run of characters, `?` one). On the command line and in the config a rule
 * is also written as one string, `[kind:]schema[.name]`:
 *   auth                     the schema auth and everything in it
 *   public.spatial_ref_sys   what is called so in public (a table, a view, a function…)
 *   table:public.*_p20*      tables only
 *   extension:postgis        kinds outside schemas (schema, extension, publication, cast…) by name
 *   trigger:public.partman_* child kinds (index, trigger, policy, constraint…) by their own name
 * A rule without a kind matches an object by the top-level object it belongs to (a column,
 * index or grant by its table), so excluding a table excludes what hangs off it. An
 * object is kept when it matches an include rule (or there are none) and no exclude
 * rule; whatever lives inside or depends on a filtered-out object goes with it.
 */
import { StrataError } from './diagnostic.js';
import { isNamed, parseId } from './ids.js';
import type { CatalogObject, ObjectKind, Snapshot } from './model/index.js';

export interface FilterRule {
  kinds?: ObjectKind[];
  /** Glob over the schema name (for a schema object: its own name). */
  schema?: string;
  /** Glob over the object's name. */
  name?: string;
}

export interface ObjectFilter {
  include: FilterRule[];
  exclude: FilterRule[];
}

/**
 * How a rule names each modelled kind (a Record, so a new kind cannot be left out):
 *   'schema'     the schema itself, by its name;
 *   'named'      lives in a schema and has a name of its own (`table:public.orders`, `ts_dictionary:app.*`);
 *   'child'      hangs off a table or type and is named by its own name in the root's schema (`index:public.orders_*`);
 *   'schemaless' lives in no schema: a one-part rule is a glob over its name (`publication:app_pub`). Kinds
 *                without a name of their own are named by their id's parts joined by dots, unquoted:
 *                `cast:integer.text`, `transform:app.pair.plpython3u`, `user_mapping:remote.app_user`,
 *                `extension_member:postgis.*`.
 * A `publication_table` is named by its table (`publication_table:public.orders`), a `replica_identity`
 * by its table's name.
 */
const KIND_NAMING: Record<ObjectKind, 'schema' | 'named' | 'child' | 'schemaless'> = {
  schema: 'schema',
  extension: 'schemaless', event_trigger: 'schemaless', access_method: 'schemaless', language: 'schemaless',
  foreign_data_wrapper: 'schemaless', foreign_server: 'schemaless', user_mapping: 'schemaless', publication: 'schemaless',
  subscription: 'schemaless', cast: 'schemaless', transform: 'schemaless', extension_member: 'schemaless',
  enum: 'named', collation: 'named', sequence: 'named', table: 'named', view: 'named', materialized_view: 'named',
  function: 'named', domain: 'named', composite_type: 'named', range_type: 'named', foreign_table: 'named',
  statistics: 'named', conversion: 'named', operator: 'named', operator_class: 'named', operator_family: 'named',
  ts_parser: 'named', ts_template: 'named', ts_dictionary: 'named', ts_configuration: 'named',
  sequence_owner: 'child', column: 'child', constraint: 'child', index: 'child', trigger: 'child', rule: 'child',
  row_security: 'child', replica_identity: 'child', policy: 'child', publication_table: 'child',
  privilege: 'child', default_privilege: 'child', owner: 'child',
};

/** Every modelled kind, so a misspelt kind is an error instead of a rule matching nothing. */
export const FILTER_KINDS: readonly ObjectKind[] = Object.keys(KIND_NAMING) as ObjectKind[];

/** Kinds that live in no schema: a one-part rule names the object itself. */
const SCHEMALESS = new Set<ObjectKind>(FILTER_KINDS.filter((k) => KIND_NAMING[k] === 'schemaless'));

export function isEmptyFilter(f: ObjectFilter | undefined): boolean {
  return !f || (f.include.length === 0 && f.exclude.length === 0);
}

/** Both filters' rules together (config first, then the command line). */
export function mergeFilters(...fs: (ObjectFilter | undefined)[]): ObjectFilter {
  return { include: fs.flatMap((f) => f?.include ?? []), exclude: fs.flatMap((f) => f?.exclude ?? []) };
}

/** `[kind:]schema[.name]` → a rule; throws a usage error naming `subject` when malformed. */
export function parseRule(text: string, subject = 'filter'): FilterRule {
  const t = text.trim();
  if (!t) throw filterError(subject, 'an empty filter rule');
  const colon = t.indexOf(':');
  let kinds: ObjectKind[] | undefined;
  let rest = t;
  if (colon >= 0) {
    kinds = [checkKind(t.slice(0, colon), subject)];
    rest = t.slice(colon + 1);
  }
  if (!rest) throw filterError(subject, `"${text}" names no object`);
  if (kinds && SCHEMALESS.has(kinds[0]!)) return kinds[0] === 'schema' ? { kinds, schema: rest } : { kinds, name: rest };
  const dot = rest.indexOf('.');
  if (dot < 0) return { ...(kinds ? { kinds } : {}), schema: rest };
  const [schema, name] = [rest.slice(0, dot), rest.slice(dot + 1)];
  if (!schema || !name) throw filterError(subject, `"${text}": write schema.name, e.g. public.users or public.*`);
  return { ...(kinds ? { kinds } : {}), schema, name };
}

/**
 * The `filters` section of strata.config.json: `{"include": [...], "exclude": [...]}`, each
 * rule a string (`auth`, `table:public.tmp_*`) or an object `{"schema", "kind", "name"}`.
 */
export function filterFromConfig(raw: unknown, subject = 'strata.config.json'): ObjectFilter | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw configFilterError(subject, '"filters" must be an object with "include" and/or "exclude" lists');
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (k !== 'include' && k !== 'exclude') throw configFilterError(subject, `unknown key "filters.${k}" (known: include, exclude)`);
  const list = (key: 'include' | 'exclude'): FilterRule[] => {
    const v = obj[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw configFilterError(subject, `"filters.${key}" must be a list of rules`);
    return v.map((r, i) => ruleFromConfig(r, `${subject}: filters.${key}[${i}]`));
  };
  return { include: list('include'), exclude: list('exclude') };
}

function ruleFromConfig(r: unknown, subject: string): FilterRule {
  try {
    if (typeof r === 'string') return parseRule(r, subject);
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw filterError(subject, 'a rule is a string or an object {"schema", "kind", "name"}');
    const o = r as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['schema', 'kind', 'name'].includes(k)) throw filterError(subject, `unknown key "${k}" (known: schema, kind, name)`);
    const str = (k: string) => {
      if (o[k] !== undefined && (typeof o[k] !== 'string' || !o[k])) throw filterError(subject, `"${k}" must be a non-empty string`);
      return o[k] as string | undefined;
    };
    const kindsRaw = o.kind === undefined ? undefined : Array.isArray(o.kind) ? o.kind : [o.kind];
    const kinds = kindsRaw?.map((k) => (typeof k === 'string' ? checkKind(k, subject) : (() => { throw filterError(subject, '"kind" must be a kind or a list of kinds'); })()));
    const [schema, name] = [str('schema'), str('name')];
    if (!kinds && schema === undefined && name === undefined) throw filterError(subject, 'a rule needs a schema, a kind or a name');
    return { ...(kinds ? { kinds } : {}), ...(schema !== undefined ? { schema } : {}), ...(name !== undefined ? { name } : {}) };
  } catch (e) {
    if (e instanceof StrataError) throw configFilterError(subject, e.diagnostic.message);
    throw e;
  }
}

function checkKind(k: string, subject: string): ObjectKind {
  if (!(FILTER_KINDS as readonly string[]).includes(k)) throw filterError(subject, `unknown object kind "${k}" (kinds: ${FILTER_KINDS.join(', ')})`);
  return k as ObjectKind;
}

interface Facts {
  kind: ObjectKind;
  schema: string | null;
  name: string | null;
}

/** The snapshot without the objects the filter leaves out, and everything inside or depending on them. */
export function applyFilter(s: Snapshot, f: ObjectFilter | undefined): Snapshot {
  if (!f || isEmptyFilter(f)) return s;
  const byId = new Map(s.objects.map((o) => [o.id, o]));
  const schemaName = (o: CatalogObject): string | null => {
    if (o.kind === 'schema') return o.name;
    for (const d of o.dependsOn) {
      const x = byId.get(d);
      if (x?.kind === 'schema') return x.name;
    }
    const own = (o as { schema?: unknown }).schema;
    return typeof own === 'string' ? own : null;
  };
  const chain = (o: CatalogObject): CatalogObject[] => {
    const out = [o];
    for (let p = o.parent; p !== null; ) {
      const x = byId.get(p);
      if (!x || out.includes(x)) break;
      out.push(x);
      p = x.parent;
    }
    return out;
  };
  const facts = (o: CatalogObject, root: CatalogObject): Facts => {
    if (o.kind === 'schema') return { kind: o.kind, schema: o.name, name: null };
    const own = (o as { name?: unknown }).name;
    if (SCHEMALESS.has(o.kind)) return { kind: o.kind, schema: null, name: typeof own === 'string' ? own : idParts(o.id).join('.') };
    // Named by their table, which the id holds: publication_table:<publication>.<schema>.<table>, replica_identity:<schema>.<table>.
    if (o.kind === 'publication_table') {
      const [, schema, table] = idParts(o.id);
      return { kind: o.kind, schema: schema ?? null, name: table ?? null };
    }
    if (o.kind === 'replica_identity') return { kind: o.kind, schema: schemaName(root), name: idParts(o.id).at(-1) ?? null };
    return { kind: o.kind, schema: schemaName(root), name: typeof own === 'string' ? own : null };
  };
  const matches = (o: CatalogObject, rules: FilterRule[]): boolean => {
    const c = chain(o);
    const root = c[c.length - 1]!;
    return rules.some((r) => (r.kinds ? c.filter((x) => r.kinds!.includes(x.kind)) : [root]).some((x) => ruleMatches(r, facts(x, root))));
  };
  const gone = new Set<string>();
  for (const o of s.objects) {
    if ((f.include.length && !matches(o, f.include)) || matches(o, f.exclude)) gone.add(o.id);
  }
  if (!gone.size) return s;
  // Parents and dependencies can come later in id order: repeat until nothing more goes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const o of s.objects) {
      if (gone.has(o.id)) continue;
      if ((o.parent !== null && gone.has(o.parent)) || o.dependsOn.some((d) => gone.has(d))) {
        gone.add(o.id);
        changed = true;
      }
    }
  }
  return { ...s, objects: s.objects.filter((o) => !gone.has(o.id)) };
}

/** The unquoted name parts of a named id (`cast:"c.pair".text` → `c.pair`, `text`). */
function idParts(id: string): string[] {
  const p = parseId(id);
  return isNamed(p) ? p.parts : [];
}

function ruleMatches(r: FilterRule, x: Facts): boolean {
  if (r.kinds && !r.kinds.includes(x.kind)) return false;
  if (r.schema !== undefined && (x.schema === null || !glob(r.schema).test(x.schema))) return false;
  if (r.name !== undefined && (x.name === null || !glob(r.name).test(x.name))) return false;
  return true;
}

const globs = new Map<string, RegExp>();
/** `*` and `?` wildcards over the whole string; everything else literal. */
export function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    const body = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    re = new RegExp(`^${body}$`, 's');
    globs.set(pattern, re);
  }
  return re;
}

function filterError(subject: string, message: string): StrataError {
  return new StrataError({ code: 'usage', severity: 'error', subject, message: `filter: ${message}` }, 2);
}

function configFilterError(subject: string, message: string): StrataError {
  return new StrataError({ code: 'config.invalid', severity: 'error', subject, message: message.startsWith('filter: ') ? message : `filter: ${message}` }, 2);
}
