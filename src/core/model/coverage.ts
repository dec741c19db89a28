/**
 * Which object kinds strata models, by catalog, and since which version. The
 * unmanaged reader reports what is not modelled by subtraction, not from this
 * list; this list is what docs/coverage.md is generated from, and its test
 * creates one object of every kind to check both agree.
 */
import type { ObjectKind } from './index.js';

export interface KindCoverage {
  /** The catalog a row of this kind lives in. */
  catalog: string;
  /** The kind as `strata diff` names it in "not managed: <kind> <name>" (PostgreSQL's own word for it). */
  kind: string;
  /** Model kinds it becomes, or null when strata does not model it (then it is reported as not managed). */
  modelledAs: ObjectKind[] | null;
  /** strata version (package.json) that first modelled it. */
  since: string | null;
  note?: string;
}

export const COVERAGE: readonly KindCoverage[] = [
  { catalog: 'pg_namespace', kind: 'schema', modelledAs: ['schema'], since: '0.1.0' },
  { catalog: 'pg_extension', kind: 'extension', modelledAs: ['extension'], since: '0.1.0', note: 'objects an extension owns are the extension’s, never reported; membership (ALTER EXTENSION ADD/DROP), schema and version are diffed' },
  { catalog: 'pg_class', kind: 'table', modelledAs: ['table', 'column'], since: '0.1.0', note: 'plain, partitioned, partitions, inheritance' },
  { catalog: 'pg_class', kind: 'index', modelledAs: ['index'], since: '0.1.0' },
  { catalog: 'pg_class', kind: 'sequence', modelledAs: ['sequence', 'sequence_owner'], since: '0.1.0' },
  { catalog: 'pg_class', kind: 'view', modelledAs: ['view'], since: '0.1.0' },
  { catalog: 'pg_class', kind: 'materialized view', modelledAs: ['materialized_view'], since: '0.1.0' },
  { catalog: 'pg_class', kind: 'foreign table', modelledAs: ['foreign_table', 'column', 'constraint'], since: '0.1.0', note: 'column and table options, CHECK and NOT NULL, inheritance, partitions of a partitioned table' },
  { catalog: 'pg_type', kind: 'composite type', modelledAs: ['composite_type'], since: '0.1.0' },
  { catalog: 'pg_type', kind: 'domain', modelledAs: ['domain'], since: '0.1.0' },
  { catalog: 'pg_type', kind: 'enum', modelledAs: ['enum'], since: '0.1.0' },
  { catalog: 'pg_type', kind: 'range type', modelledAs: ['range_type'], since: '0.1.0', note: 'its multirange type comes with it' },
  { catalog: 'pg_type', kind: 'base type', modelledAs: null, since: null },
  { catalog: 'pg_type', kind: 'shell type', modelledAs: null, since: null },
  { catalog: 'pg_proc', kind: 'function', modelledAs: ['function'], since: '0.1.0' },
  { catalog: 'pg_proc', kind: 'procedure', modelledAs: ['function'], since: '0.1.0' },
  { catalog: 'pg_proc', kind: 'aggregate', modelledAs: ['function'], since: '0.1.0' },
  { catalog: 'pg_constraint', kind: 'table constraint', modelledAs: ['constraint'], since: '0.1.0', note: 'NOT NULL is a column attribute' },
  { catalog: 'pg_constraint', kind: 'domain constraint', modelledAs: ['domain'], since: '0.1.0' },
  { catalog: 'pg_trigger', kind: 'trigger', modelledAs: ['trigger'], since: '0.1.0' },
  { catalog: 'pg_event_trigger', kind: 'event trigger', modelledAs: ['event_trigger'], since: '0.1.0', note: 'tag filters compared as sets' },
  { catalog: 'pg_policy', kind: 'policy', modelledAs: ['policy', 'row_security'], since: '0.1.0' },
  { catalog: 'pg_collation', kind: 'collation', modelledAs: ['collation'], since: '0.1.0' },
  { catalog: 'pg_default_acl', kind: 'default acl', modelledAs: ['default_privilege'], since: '0.1.0' },
  { catalog: 'pg_rewrite', kind: 'rule', modelledAs: ['rule'], since: '0.1.0', note: 'a view’s own rule belongs to the view' },
  { catalog: 'pg_statistic_ext', kind: 'statistics object', modelledAs: ['statistics'], since: '0.1.0' },
  { catalog: 'pg_publication', kind: 'publication', modelledAs: ['publication', 'publication_table'], since: '0.1.0', note: 'FOR TABLE with column lists and row filters, FOR TABLES IN SCHEMA, FOR ALL TABLES, publish options' },
  { catalog: 'pg_subscription', kind: 'subscription', modelledAs: ['subscription'], since: '0.1.0', note: 'created with connect = false, enabled = false; the enabled state is left to operators; connection secrets are apply-time placeholders' },
  { catalog: 'pg_foreign_data_wrapper', kind: 'foreign-data wrapper', modelledAs: ['foreign_data_wrapper'], since: '0.1.0' },
  { catalog: 'pg_foreign_server', kind: 'server', modelledAs: ['foreign_server'], since: '0.1.0' },
  { catalog: 'pg_user_mapping', kind: 'user mapping', modelledAs: ['user_mapping'], since: '0.1.0', note: 'secret options (password, ...) are never read or printed: apply-time placeholders' },
  { catalog: 'pg_ts_config', kind: 'text search configuration', modelledAs: ['ts_configuration'], since: '0.1.0', note: 'token mappings altered in place (ADD/ALTER/DROP MAPPING)' },
  { catalog: 'pg_ts_dict', kind: 'text search dictionary', modelledAs: ['ts_dictionary'], since: '0.1.0', note: 'template options altered in place' },
  { catalog: 'pg_ts_parser', kind: 'text search parser', modelledAs: ['ts_parser'], since: '0.1.0' },
  { catalog: 'pg_ts_template', kind: 'text search template', modelledAs: ['ts_template'], since: '0.1.0' },
  { catalog: 'pg_operator', kind: 'operator', modelledAs: ['operator'], since: '0.1.0' },
  { catalog: 'pg_opclass', kind: 'operator class', modelledAs: ['operator_class'], since: '0.1.0', note: 'a changed class is recreated with the indexes using it' },
  { catalog: 'pg_opfamily', kind: 'operator family', modelledAs: ['operator_family'], since: '0.1.0', note: 'loose members added and dropped in place' },
  { catalog: 'pg_cast', kind: 'cast', modelledAs: ['cast'], since: '0.1.0' },
  { catalog: 'pg_language', kind: 'language', modelledAs: ['language'], since: '0.1.0', note: 'usually an extension’s; USAGE privileges on trusted languages' },
  { catalog: 'pg_conversion', kind: 'conversion', modelledAs: ['conversion'], since: '0.1.0' },
  { catalog: 'pg_transform', kind: 'transform', modelledAs: ['transform'], since: '0.1.0' },
  { catalog: 'pg_am', kind: 'access method', modelledAs: ['access_method'], since: '0.1.0' },
  { catalog: 'pg_largeobject_metadata', kind: 'large object', modelledAs: null, since: null, note: 'data rather than schema; pg_dump --schema-only leaves it out' },
];

/** Not objects of their own, or not the database's: listed in the document, never reported. */
export const NOT_COUNTED: readonly { what: string; why: string }[] = [
  { what: 'privileges (GRANT), owners, comments', why: 'modelled as attributes of the object they are on (owners diffed with --include-ownership)' },
  { what: 'roles, tablespaces, databases, role memberships', why: 'cluster-wide: roles are created by convention (never dropped), the others are not a schema’s' },
  { what: 'security labels', why: 'need a label provider module loaded; not read' },
  { what: 'publication members, operator family members, defaults, partition children of an index or trigger', why: 'parts of the object they belong to' },
];

/** The body of docs/coverage.md. */
export function renderCoverage(version: string): string {
  const lines = [
    '# Object coverage',
    '',
    '<!-- Generated from src/core/model/coverage.ts by test/engine/coverage.test.ts; do not edit. -->',
    '',
    `Every kind of object a database can hold, by catalog, as of strata ${version}. A kind that is not`,
    'modelled is reported by `strata diff`, `strata verify` and `strata drift` as',
    '`warning: not managed: <kind> <name>` for each such object (an error with `--strict`), so a',
    'migration never silently leaves it out.',
    '',
    '| Catalog | Kind | Modelled | Since | Note |',
    '|---|---|---|---|---|',
    ...COVERAGE.map(
      (c) =>
        `| \`${c.catalog}\` | ${c.kind} | ${c.modelledAs ? `yes (${c.modelledAs.map((k) => `\`${k}\``).join(', ')})` : '**no**: reported as not managed'} | ${c.since ?? '—'} | ${c.note ?? ''} |`,
    ),
    '',
    '## Not counted',
    '',
    ...NOT_COUNTED.map((n) => `- **${n.what}**: ${n.why}.`),
    '',
  ];
  return lines.join('\n');
}
