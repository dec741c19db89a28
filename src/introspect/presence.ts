/**
 * Which readers can return a row at all, asked in one query before they run. A reader's
 * query costs its planning and the catalog caches it loads even when it finds nothing, and
 * on a small database most kinds are absent (on a test database with a few tables, 38 of 46
 * reader queries returned no row and were over half of the snapshot's server time).
 *
 * A probe must be true whenever its reader could return a row; a reader without one always
 * runs. The probes rest on two facts: every object created after initdb has an oid >= 16384
 * (FirstNormalObjectId: the counter never goes below it on a running server), so a reader
 * whose rows are objects outside the system schemas finds none when its catalog has no such
 * oid; and the catalogs probed with `anyRow` are ones initdb leaves empty, read whole by their reader.
 */
import type { Queryable } from '../core/queryable.js';
import type { KindReader } from './context.js';

const userRows = (catalog: string, where?: string): string =>
  `EXISTS (SELECT FROM pg_catalog.${catalog} WHERE oid >= 16384${where ? ` AND ${where}` : ''})`;
const anyRow = (catalog: string): string => `EXISTS (SELECT FROM pg_catalog.${catalog})`;
const relations = (kinds: string, where?: string): string => userRows('pg_class', `relkind IN (${kinds})${where ? ` AND ${where}` : ''}`);

/** Reader name → a boolean SQL expression, true whenever that reader could return a row. */
export const PRESENCE: Readonly<Record<string, string>> = {
  collations: userRows('pg_collation'),
  enums: userRows('pg_type', `typtype = 'e'`),
  domains: userRows('pg_type', `typtype = 'd'`),
  composite_types: relations(`'c'`),
  range_types: `EXISTS (SELECT FROM pg_catalog.pg_range WHERE rngtypid >= 16384)`,
  tables: relations(`'r', 'p'`),
  'foreign tables': relations(`'f'`),
  sequences: relations(`'S'`),
  columns: relations(`'r', 'p', 'f'`),
  constraints: relations(`'r', 'p', 'f'`),
  indexes: relations(`'i', 'I'`),
  replica_identity: relations(`'r', 'p'`, `relreplident <> 'd'`),
  functions: userRows('pg_proc'),
  'foreign data wrappers': anyRow('pg_foreign_data_wrapper'),
  'foreign servers': anyRow('pg_foreign_server'),
  'user mappings': anyRow('pg_user_mappings'),
  'access methods': userRows('pg_am'),
  languages: userRows('pg_language'),
  transforms: userRows('pg_transform'),
  casts: userRows('pg_cast'),
  conversions: userRows('pg_conversion'),
  operators: userRows('pg_operator'),
  'operator families': userRows('pg_opfamily'),
  'operator classes': userRows('pg_opclass'),
  // Members of families outside the system schemas, so of user families.
  'operator family members': userRows('pg_opfamily'),
  'text search parsers': userRows('pg_ts_parser'),
  'text search templates': userRows('pg_ts_template'),
  'text search dictionaries': userRows('pg_ts_dict'),
  'text search configurations': userRows('pg_ts_config'),
  views: relations(`'v', 'm'`),
  'materialized view indexes': relations(`'m'`),
  triggers: userRows('pg_trigger'),
  'event triggers': anyRow('pg_event_trigger'),
  rules: userRows('pg_rewrite', `rulename <> '_RETURN'`),
  statistics: userRows('pg_statistic_ext'),
  publications: anyRow('pg_publication'),
  'publication tables': anyRow('pg_publication_rel'),
  // Cluster-wide rows: only this database's count, as in the reader.
  subscriptions: `EXISTS (SELECT FROM pg_catalog.pg_subscription s JOIN pg_catalog.pg_database d ON d.oid = s.subdbid AND d.datname = current_database())`,
  row_security: relations(`'r', 'p'`, `(relrowsecurity OR relforcerowsecurity)`),
  policies: userRows('pg_policy'),
  default_privileges: anyRow('pg_default_acl'),
};

/** The names of the readers among `readers` whose probe says they would return no row. */
export async function absentReaders(db: Queryable, readers: readonly KindReader[]): Promise<Set<string>> {
  const probed = readers.filter((r) => PRESENCE[r.name] !== undefined);
  if (!probed.length) return new Set();
  const [row] = await db.query<Record<string, unknown>>(`SELECT ${probed.map((r, i) => `${PRESENCE[r.name]} AS p${i}`).join(',\n')}`);
  return new Set(probed.filter((_, i) => row?.[`p${i}`] === false).map((r) => r.name));
}
