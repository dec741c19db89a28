import type { ObjectOfKind } from '../../core/model/index.js';
import type { Finding, SchemaRule } from '../types.js';
import { ofKind, plainTables, schemaFinding } from './schema-helpers.js';

type Role = 'distributed' | 'reference' | 'local';

/**
 * Citus readiness (opt-in: `lint.distribution`). A table carrying the distribution column is distributed by
 * it unless listed as a reference or local table. Citus enforces a unique key, an exclusion constraint or a
 * foreign key only inside one shard, so each of them on a distributed table must include the column (a
 * foreign key to another distributed table: mapped column to column), and the column must be NOT NULL; a distributed table may reference
 * only distributed or reference tables, and a reference or local table may not reference a distributed one.
 * Tables without the column that are not listed count as local.
 */
export const distributionKey: SchemaRule = {
  id: 'distribution-key',
  scope: 'schema',
  severity: 'error',
  summary: 'a key or foreign key of a distributed table does not include the distribution column',
  check(s, ctx) {
    const d = ctx.config.distribution;
    if (!d) return [];
    const column = d.column ?? ctx.tenancy?.column;
    if (!column) {
      return [{ rule: 'distribution-key', severity: ctx.severity, file: 'strata.config.json', line: 1, message: 'lint.distribution has no "column" and tenancy.column is not set', hint: 'set lint.distribution.column (or tenancy.column) to the distribution column' }];
    }
    const listed = (names: string[], t: ObjectOfKind<'table'>) => names.includes(`${t.schema}.${t.name}`) || (t.schema === 'public' && names.includes(t.name));
    const hasColumn = new Set(ofKind(s, 'column').filter((c) => c.name === column).map((c) => c.parent));
    const tables = plainTables(s);
    const role = new Map<string, Role>(
      tables.map((t) => [t.id, listed(d.reference, t) ? 'reference' : listed(d.local, t) ? 'local' : hasColumn.has(t.id) ? 'distributed' : 'local']),
    );
    const qname = new Map(tables.map((t) => [t.id, t.qname]));
    const config = (message: string, hint: string): Finding => ({ rule: 'distribution-key', severity: ctx.severity, file: 'strata.config.json', line: 1, message, hint });
    const unknown = [...d.reference, ...d.local].filter((n) => !tables.some((t) => listed([n], t)));
    const localWhy = (id: string) => (hasColumn.has(id) ? 'is listed in lint.distribution.local' : `has no ${column}`);
    const out: Finding[] = unknown.map((n) => config(`lint.distribution lists "${n}", which is not a table of the desired state`, 'write schema.table (or table for public) of an existing table'));
    const add = (subject: string, message: string, hint: string) => out.push(schemaFinding(s, ctx, 'distribution-key', subject, message, hint));

    for (const c of ofKind(s, 'column')) {
      if (c.name === column && role.get(c.parent ?? '') === 'distributed' && !c.notNull) {
        add(c.id, `distribution column ${c.qname} of distributed table ${qname.get(c.parent!)} allows NULL: Citus places each row by its ${column} and refuses a row without one`, `ALTER TABLE ${qname.get(c.parent!)} ALTER COLUMN ${column} SET NOT NULL, or list the table in lint.distribution.local`);
      }
    }
    const constraintIndexes = new Set(s.facts.keys.map((k) => k.index).filter((i): i is string => i !== null));
    for (const k of s.facts.keys) {
      if (role.get(k.table) !== 'distributed') continue;
      const at = k.columns.indexOf(column);
      const cols = k.columns.map((c) => c ?? '<expression>').join(', ');
      const what = k.type === 'exclude' ? 'exclusion constraint' : k.type === 'unique' ? 'unique constraint' : 'primary key';
      const fix = k.type === 'exclude' ? `add ${column} WITH = to the constraint` : `add ${column} to the key: (${[column, cols].join(', ')})`;
      if (at < 0) add(k.id, `${what} ${k.name} (${cols}) of distributed table ${qname.get(k.table)} does not include the distribution column ${column}`, fix);
      else if (k.type === 'exclude' && k.operators?.[at] !== '=') add(k.id, `exclusion constraint ${k.name} of distributed table ${qname.get(k.table)} compares ${column} with ${k.operators?.[at] ?? '?'}, not =`, `use ${column} WITH = in the exclusion constraint`);
    }
    for (const i of s.facts.indexes) {
      if (!i.unique || i.primary || constraintIndexes.has(i.id) || role.get(i.table) !== 'distributed') continue;
      if (!i.columns.includes(column)) add(i.id, `unique index ${i.name} (${i.columns.map((c) => c ?? '<expression>').join(', ')}) of distributed table ${qname.get(i.table)} does not include the distribution column ${column}`, `add ${column} to the index's keys`);
    }
    for (const fk of s.facts.foreignKeys) {
      const from = role.get(fk.table);
      const to = role.get(fk.references.table);
      // Partitions (not in `role`) carry clones of their parent's foreign keys: checked once, on the parent.
      if (!from || !to) continue;
      const name = `foreign key ${fk.name} of ${qname.get(fk.table)}`;
      const target = qname.get(fk.references.table);
      if (from === 'distributed' && to === 'distributed') {
        const at = fk.columns.indexOf(column);
        if (at < 0 || fk.references.columns[at] !== column) {
          add(fk.id, `${name} (${fk.columns.join(', ')}) → ${target} (${fk.references.columns.join(', ')}) does not map ${column} to ${column}: both tables are distributed, so the rows it joins may sit on different shards`, `reference a key that includes ${column}: FOREIGN KEY (${column}, ...) REFERENCES ${target} (${column}, ...)`);
        }
      } else if (from === 'distributed' && to === 'local') {
        add(fk.id, `${name} references ${target}, which ${localWhy(fk.references.table)} and is not a reference table: a distributed table can reference only distributed and reference tables`, `list ${target} in lint.distribution.reference (replicated to every node), or give it ${column}`);
      } else if (from !== 'distributed' && to === 'distributed') {
        add(fk.id, `${name} (a ${from} table) references distributed table ${target}: Citus supports foreign keys from reference and local tables only to reference tables`, `distribute ${qname.get(fk.table)} by ${column} too, or drop the foreign key`);
      }
    }
    return out;
  },
};
