/**
 * A new index on a partitioned table whose partitions already hold a matching
 * index of their own (built earlier, often CONCURRENTLY, table by table): instead
 * of dropping those and building every partition's index again, the parent's
 * index is created `ON ONLY` the parent and each existing index is attached
 * (`ALTER INDEX … ATTACH PARTITION`), as pg_dump writes it. Applies when every
 * leaf partition has such an index and the desired state no longer lists it on
 * its own (attached, it is the parent's). The current snapshot is rewritten as if
 * done, so the rest of the plan sees neither the new index nor the adopted ones.
 *
 * A new PRIMARY KEY or UNIQUE constraint on such a table is adopted the same way, as
 * pg_dump writes it: `ALTER TABLE ONLY parent ADD CONSTRAINT`, then each partition's
 * matching constraint index attached. A partition's plain unique index becomes its
 * constraint first (`ADD CONSTRAINT … UNIQUE USING INDEX`), as only a constraint's
 * index can be attached to a constraint's.
 */
import type { CatalogObject, ConstraintObject, IndexObject, Snapshot, TableObject } from '../core/model/index.js';
import { commentOn, quoteIdent } from './rules/sql.js';
import { indexSnapshot } from './snapshot-index.js';
import type { PlanStep } from './types.js';

export interface AdoptPlan {
  from: Snapshot;
  steps: PlanStep[];
}

/** The definition without its name and table: what two indexes on sibling tables share when they match. */
function shape(i: IndexObject): string | null {
  for (const on of [` ON ONLY ${i.table} `, ` ON ${i.table} `]) {
    const at = i.definition.indexOf(on);
    if (at > 0) return `${i.definition.startsWith('CREATE UNIQUE ') ? 'unique ' : ''}${i.definition.slice(at + on.length)}`;
  }
  return null;
}

const step = (objectId: string, op: PlanStep['op'], sql: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  op,
  kind: 'index',
  objectId,
  sql,
  hazards: [],
  lock: 'SHARE UPDATE EXCLUSIVE',
  transactional: true,
  dependsOn: [],
  ...extra,
});

export function adoptPartitionIndexes(from: Snapshot, to: Snapshot): AdoptPlan {
  const a = indexSnapshot(from);
  const b = indexSnapshot(to);
  // Only indexes and keys of partitioned tables are adopted; without one, no lookups at all.
  if (!b.ofKind('table').some((t) => t.partitionKey)) return { from, steps: [] };
  const steps: PlanStep[] = [];
  const removed = new Set<string>();
  const added: CatalogObject[] = [];
  for (const x of b.ofKind('index')) {
    if (a.get(x.id)) continue;
    const parentB = b.get(x.parent!) as TableObject | undefined;
    const parentA = a.get(x.parent!) as TableObject | undefined;
    if (parentB?.kind !== 'table' || !parentB.partitionKey || parentA?.kind !== 'table' || parentA.partitionKey !== parentB.partitionKey) continue;
    const want = shape(x);
    if (!want) continue;
    const partitions = b.ofKind('table').filter((t) => t.partitionOf?.parent === parentB.qname);
    const adopted: IndexObject[] = [];
    for (const p of partitions) {
      const before = a.get(p.id) as TableObject | undefined;
      if (p.partitionKey || before?.kind !== 'table' || before.partitionOf?.parent !== parentB.qname || before.partitionKey) break;
      const match = a
        .children(p.id)
        .find((c): c is IndexObject => c.kind === 'index' && !b.get(c.id) && !removed.has(c.id) && shape(c) === want);
      if (!match) break;
      adopted.push(match);
    }
    if (!partitions.length || adopted.length !== partitions.length) continue;
    steps.push(
      step(x.id, 'create', x.definition.includes(' ON ONLY ') ? x.definition : x.definition.replace(` ON ${x.table} `, ` ON ONLY ${x.table} `), {
        lock: 'SHARE',
        note: `each partition's existing index is attached instead of built again`,
      }),
    );
    for (const i of adopted) {
      steps.push(step(x.id, 'alter', `ALTER INDEX ${x.qname} ATTACH PARTITION ${i.qname}`, { dependsOn: [x.id] }));
      removed.add(i.id);
    }
    if (x.comment !== null) steps.push(step(x.id, 'alter', commentOn(`INDEX ${x.qname}`, x.comment), { lock: 'none' }));
    added.push(x);
  }
  for (const x of b.ofKind('constraint')) {
    if (a.get(x.id) || (x.type !== 'primary key' && x.type !== 'unique') || !x.validated) continue;
    const parentB = b.get(x.parent!) as TableObject | undefined;
    const parentA = a.get(x.parent!) as TableObject | undefined;
    if (parentB?.kind !== 'table' || !parentB.partitionKey || parentA?.kind !== 'table' || parentA.partitionKey !== parentB.partitionKey) continue;
    // `UNIQUE (a, b) INCLUDE (c)` is the index `CREATE UNIQUE INDEX … USING btree (a, b) INCLUDE (c)`.
    const keyword = x.type === 'primary key' ? 'PRIMARY KEY ' : 'UNIQUE ';
    if (!x.definition.startsWith(keyword + '(') || x.definition.includes(' DEFERRABLE')) continue;
    const asIndex = `unique USING btree ${x.definition.slice(keyword.length)}`;
    const partitions = b.ofKind('table').filter((t) => t.partitionOf?.parent === parentB.qname);
    const adopted: { table: TableObject; index: string; constraint: ConstraintObject | null; plain: IndexObject | null }[] = [];
    for (const p of partitions) {
      const before = a.get(p.id) as TableObject | undefined;
      if (p.partitionKey || before?.kind !== 'table' || before.partitionOf?.parent !== parentB.qname || before.partitionKey) break;
      const free = (c: CatalogObject) => !b.get(c.id) && !removed.has(c.id);
      const own = a.children(p.id).find((c): c is ConstraintObject => c.kind === 'constraint' && c.type === x.type && c.validated && c.definition === x.definition && free(c));
      // A primary key needs NOT NULL columns, which a plain index does not promise: only a partition's own key is adopted.
      const plain = own || x.type !== 'unique' ? undefined : a.children(p.id).find((c): c is IndexObject => c.kind === 'index' && free(c) && shape(c) === asIndex);
      if (!own && !plain) break;
      adopted.push({ table: p, index: own ? `${quoteIdent(p.schema)}.${own.qname}` : plain!.qname, constraint: own ?? null, plain: plain ?? null });
    }
    if (!partitions.length || adopted.length !== partitions.length) continue;
    const parentIndex = `${quoteIdent(parentB.schema)}.${x.qname}`;
    for (const { table, plain } of adopted) {
      if (!plain) continue;
      const name = quoteIdent(plain.name);
      steps.push({ ...step(plain.id, 'alter', `ALTER TABLE ${table.qname} ADD CONSTRAINT ${name} UNIQUE USING INDEX ${name}`, { lock: 'ACCESS EXCLUSIVE' }), kind: 'constraint', note: `the partition's unique index becomes its constraint, to be attached` });
    }
    steps.push({
      ...step(x.id, 'create', `ALTER TABLE ONLY ${x.table} ADD CONSTRAINT ${x.qname} ${x.definition}`, { lock: 'ACCESS EXCLUSIVE', note: `each partition's existing ${x.type} index is attached instead of built again` }),
      kind: 'constraint',
    });
    for (const { index, constraint, plain } of adopted) {
      steps.push(step(x.id, 'alter', `ALTER INDEX ${parentIndex} ATTACH PARTITION ${index}`, { dependsOn: [x.id] }));
      removed.add((constraint ?? plain)!.id);
    }
    if (x.comment !== null) steps.push({ ...step(x.id, 'alter', commentOn(`CONSTRAINT ${x.qname} ON ${x.table}`, x.comment), { lock: 'none' }), kind: 'constraint' });
    added.push(x);
  }
  if (!steps.length) return { from, steps };
  const objects = [...from.objects.filter((o) => !removed.has(o.id)), ...added].sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  return { from: { ...from, objects }, steps };
}
