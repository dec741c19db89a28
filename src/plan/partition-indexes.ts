/**
 * A new index on a partitioned table whose partitions already hold a matching
 * index of their own (built earlier, often CONCURRENTLY, table by table): instead
 * of dropping those and building every partition's index again, the parent's
 * index is created `ON ONLY` the parent and each existing index is attached
 * (`ALTER INDEX … ATTACH PARTITION`), as pg_dump writes it. Applies when every
 * leaf partition has such an index and the desired state no longer lists it on
 * its own (attached, it is the parent's). The current snapshot is rewritten as if
 * done, so the rest of the plan sees neither the new index nor the adopted ones.
 */
import type { CatalogObject, IndexObject, Snapshot, TableObject } from '../core/model/index.js';
import { commentOn } from './rules/sql.js';
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
  if (!steps.length) return { from, steps };
  const objects = [...from.objects.filter((o) => !removed.has(o.id)), ...added].sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  return { from: { ...from, objects }, steps };
}
