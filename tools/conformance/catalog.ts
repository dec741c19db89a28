/**
 * An independent oracle for "the catalogs are equal": a flat fingerprint of a
 * database's schema, read with PostgreSQL's own deparsers (pg_get_indexdef,
 * pg_get_constraintdef, pg_get_viewdef, pg_get_functiondef, ...) and written
 * without reusing the engine's introspection. The harness checks both: an object
 * the engine's snapshot does not model still fails the case here, which is how
 * introspection blind spots show up. Owners are left out (strata excludes
 * ownership by default), and so are objects owned by extensions and data
 * (sequence positions).
 */
import pg from 'pg';

export type Fingerprint = Map<string, string>;

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;
const notExt = (cat: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${cat}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

/** Each query yields (k, v) rows: k identifies an object, v is everything compared about it. */
/**
 * An ACL equal to the owner's default (what NULL means) prints as '-', and
 * entries are sorted: GRANT then REVOKE leaves an explicit copy of the default,
 * which grants nothing different.
 */
const acl = (col: string, dflt: string) => {
  const sorted = (a: string) => `(SELECT array_agg(x::text ORDER BY x::text) FROM unnest(${a}) x)`;
  return `CASE WHEN ${col} IS NULL OR ${sorted(col)} IS NOT DISTINCT FROM ${sorted(dflt)} OR cardinality(${col}) = 0 THEN '-' ELSE ${sorted(col)}::text END`;
};

const QUERIES: string[] = [
  `SELECT 'schema ' || quote_ident(n.nspname) AS k,
          concat_ws(' | ', 'acl=' || ${acl('n.nspacl', "acldefault('n', n.nspowner)")}, 'comment=' || obj_description(n.oid, 'pg_namespace')) AS v
   FROM pg_namespace n WHERE ${USER_NS} AND ${notExt('pg_namespace', 'n.oid')}`,

  `SELECT 'extension ' || quote_ident(x.extname) AS k,
          concat_ws(' | ', 'version=' || x.extversion, 'schema=' || x.extnamespace::regnamespace::text,
                    'comment=' || obj_description(x.oid, 'pg_extension')) AS v
   FROM pg_extension x WHERE x.extname <> 'plpgsql'`,

  `SELECT 'relation ' || c.oid::regclass::text AS k,
          concat_ws(' | ', 'kind=' || c.relkind::text, 'persistence=' || c.relpersistence::text,
            'options=' || c.reloptions::text, 'rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity,
            'replident=' || c.relreplident::text, 'acl=' || ${acl('c.relacl', "acldefault('r', c.relowner)")},
            'partkey=' || CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
            'bound=' || pg_get_expr(c.relpartbound, c.oid),
            'inherits=' || (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid),
            'view=' || CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,
            'comment=' || obj_description(c.oid, 'pg_class')) AS v
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_NS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${notExt('pg_class', 'c.oid')}`,

  `SELECT 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname) AS k,
          concat_ws(' | ', 'type=' || format_type(a.atttypid, a.atttypmod), 'notnull=' || a.attnotnull,
            'default=' || pg_get_expr(d.adbin, d.adrelid), 'identity=' || nullif(a.attidentity::text, ''),
            'generated=' || nullif(a.attgenerated::text, ''),
            'collation=' || CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END,
            'acl=' || ${acl('a.attacl', "'{}'::aclitem[]")}, 'comment=' || col_description(c.oid, a.attnum)) AS v
   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   JOIN pg_type t ON t.oid = a.atttypid
   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE ${USER_NS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped
     AND ${notExt('pg_class', 'c.oid')}`,

  // Column order is reported apart: PostgreSQL cannot reorder columns in place.
  `SELECT 'column-order ' || c.oid::regclass::text AS k,
          string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS v
   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_NS} AND c.relkind IN ('r', 'p', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND ${notExt('pg_class', 'c.oid')}
   GROUP BY c.oid`,

  `SELECT 'constraint ' || coalesce(r.oid::regclass::text, 'domain ' || co.contypid::regtype::text) || '.' || quote_ident(co.conname) AS k,
          concat_ws(' | ', pg_get_constraintdef(co.oid, true), 'validated=' || co.convalidated,
            'comment=' || obj_description(co.oid, 'pg_constraint')) AS v
   FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace LEFT JOIN pg_class r ON r.oid = co.conrelid
   WHERE ${USER_NS} AND (co.conrelid = 0 OR r.relkind IN ('r', 'p', 'f'))
     AND (co.conparentid = 0 OR co.contype <> 'f') AND ${notExt('pg_constraint', 'co.oid')}
     AND (r.oid IS NULL OR ${notExt('pg_class', 'r.oid')})`,

  `SELECT 'index ' || i.indexrelid::regclass::text AS k,
          concat_ws(' | ', pg_get_indexdef(i.indexrelid), 'comment=' || obj_description(i.indexrelid, 'pg_class')) AS v
   FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_NS} AND ${notExt('pg_class', 'i.indrelid')}`,

  `SELECT 'trigger ' || t.tgrelid::regclass::text || '.' || quote_ident(t.tgname) AS k,
          concat_ws(' | ', pg_get_triggerdef(t.oid, true), 'enabled=' || t.tgenabled::text,
            'comment=' || obj_description(t.oid, 'pg_trigger')) AS v
   FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_NS} AND NOT t.tgisinternal AND t.tgparentid = 0 AND ${notExt('pg_class', 'c.oid')}`,

  `SELECT 'policy ' || p.polrelid::regclass::text || '.' || quote_ident(p.polname) AS k,
          concat_ws(' | ', 'permissive=' || p.polpermissive::text, 'cmd=' || p.polcmd::text,
            'roles=' || (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1) FROM unnest(p.polroles) r),
            'using=' || pg_get_expr(p.polqual, p.polrelid), 'check=' || pg_get_expr(p.polwithcheck, p.polrelid),
            'comment=' || obj_description(p.oid, 'pg_policy')) AS v
   FROM pg_policy p`,

  `SELECT 'routine ' || p.oid::regprocedure::text AS k,
          concat_ws(' | ', 'kind=' || p.prokind::text,
            CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) ELSE 'returns=' || p.prorettype::regtype::text END,
            'acl=' || ${acl('p.proacl', "acldefault('f', p.proowner)")}, 'comment=' || obj_description(p.oid, 'pg_proc')) AS v
   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE ${USER_NS} AND ${notExt('pg_proc', 'p.oid')}`,

  `SELECT 'type ' || t.oid::regtype::text AS k,
          concat_ws(' | ', 'kind=' || t.typtype::text,
            'labels=' || (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
            'base=' || CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,
            'notnull=' || CASE WHEN t.typtype = 'd' THEN t.typnotnull::text END,
            'default=' || t.typdefault,
            'collation=' || CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN t.typcollation::regcollation::text END,
            'range=' || (SELECT format_type(r.rngsubtype, NULL) || coalesce(' opc ' || r.rngsubopc::regclass::text, '') FROM pg_range r WHERE r.rngtypid = t.oid),
            'acl=' || ${acl('t.typacl', "acldefault('T', t.typowner)")}, 'comment=' || obj_description(t.oid, 'pg_type')) AS v
   FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
   LEFT JOIN pg_class c ON c.oid = t.typrelid
   WHERE ${USER_NS} AND t.typtype IN ('e', 'd', 'c', 'r') AND (t.typrelid = 0 OR c.relkind = 'c')
     AND ${notExt('pg_type', 't.oid')}`,

  `SELECT 'sequence ' || s.seqrelid::regclass::text AS k,
          concat_ws(' | ', 'type=' || s.seqtypid::regtype::text, 'start=' || s.seqstart, 'inc=' || s.seqincrement,
            'min=' || s.seqmin, 'max=' || s.seqmax, 'cache=' || s.seqcache, 'cycle=' || s.seqcycle,
            'owned=' || (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname) || ' ' || d.deptype::text FROM pg_depend d
                         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.deptype IN ('a', 'i') LIMIT 1),
            'acl=' || ${acl('c.relacl', "acldefault('s', c.relowner)")}, 'comment=' || obj_description(s.seqrelid, 'pg_class')) AS v
   FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_NS} AND ${notExt('pg_class', 'c.oid')}`,

  `SELECT 'default-privileges ' || d.defaclrole::regrole::text || ' in ' || coalesce(d.defaclnamespace::regnamespace::text, '*')
            || ' on ' || d.defaclobjtype::text AS k, d.defaclacl::text AS v
   FROM pg_default_acl d`,

  `SELECT 'collation ' || co.oid::regcollation::text AS k,
          concat_ws(' | ', 'provider=' || co.collprovider::text, 'collate=' || co.collcollate, 'ctype=' || co.collctype,
            'locale=' || co.colllocale, 'deterministic=' || co.collisdeterministic) AS v
   FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
   WHERE ${USER_NS} AND ${notExt('pg_collation', 'co.oid')}`,
];

export async function catalogFingerprint(url: string): Promise<Fingerprint> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // An empty search_path makes every deparsed name schema-qualified.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SELECT set_config('search_path', '', true), set_config('jit', 'off', true)`);
    const fp: Fingerprint = new Map();
    for (const q of QUERIES) {
      const res = await client.query<{ k: string; v: string | null }>(q);
      for (const r of res.rows) fp.set(r.k, r.v ?? '');
    }
    await client.query('COMMIT');
    return fp;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface FingerprintDiff {
  /** Differences that make the catalogs unequal. */
  differences: string[];
  /** Same columns in another order: reported, not failed (PostgreSQL cannot reorder columns in place). */
  columnOrder: string[];
}

/** What differs when `actual` should equal `expected`, one line each, sorted by object. */
export function compareFingerprints(actual: Fingerprint, expected: Fingerprint): FingerprintDiff {
  const keys = [...new Set([...actual.keys(), ...expected.keys()])].sort();
  const differences: string[] = [];
  const columnOrder: string[] = [];
  for (const k of keys) {
    const a = actual.get(k);
    const e = expected.get(k);
    if (a === e) continue;
    const line = a === undefined ? `missing ${k}` : e === undefined ? `unexpected ${k}` : `${k}: ${firstDifferingPart(a, e)}`;
    (k.startsWith('column-order ') ? columnOrder : differences).push(line);
  }
  return { differences, columnOrder };
}

/** Values are ` | `-joined parts; show the first part that differs rather than two clipped wholes. */
function firstDifferingPart(actual: string, expected: string): string {
  const a = actual.split(' | ');
  const e = expected.split(' | ');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `${clip(a[i] ?? '<none>')} ≠ expected ${clip(e[i] ?? '<none>')}`;
  }
  return `${clip(actual)} ≠ expected ${clip(expected)}`;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 160 ? one.slice(0, 159) + '…' : one;
}
