/**
 * The planner's last phase (pure): a topological order of the nodes. Among nodes
 * that are ready, drops come first, then kinds in rule order, then key, so output
 * is byte-identical across runs. A cycle is an error that names it.
 */
import { StrataError } from '../core/diagnostic.js';
import type { PlanNode } from './graph.js';
import { Heap } from './heap.js';

/** Priority among ready nodes. */
export const runsBefore = (a: PlanNode, b: PlanNode): boolean =>
  a.phase !== b.phase ? a.phase < b.phase : a.order !== b.order ? a.order < b.order : a.key < b.key;

/** Phase 4: every node after the nodes it waits on; throws `plan.cycle` when that is impossible. */
export function orderNodes(nodes: readonly PlanNode[]): PlanNode[] {
  const waiting = new Map<PlanNode, number>(nodes.map((n) => [n, 0]));
  for (const n of nodes) for (const m of n.out) waiting.set(m, (waiting.get(m) ?? 0) + 1);
  const ready = new Heap<PlanNode>(runsBefore);
  for (const n of nodes) if (waiting.get(n) === 0) ready.push(n);
  const ordered: PlanNode[] = [];
  for (let n = ready.pop(); n; n = ready.pop()) {
    ordered.push(n);
    for (const m of n.out) {
      const left = waiting.get(m)! - 1;
      waiting.set(m, left);
      if (left === 0) ready.push(m);
    }
  }
  if (ordered.length < nodes.length) throw cycleError(findCycle(nodes.filter((n) => waiting.get(n)! > 0)));
  return ordered;
}

/**
 * One cycle among nodes that all still wait on another of them, in run order
 * (each node has to run before the next, the last before the first).
 */
export function findCycle(stuck: readonly PlanNode[]): PlanNode[] {
  const inStuck = new Set(stuck);
  const before = new Map<PlanNode, PlanNode[]>();
  for (const n of stuck) for (const m of n.out) if (inStuck.has(m)) (before.get(m) ?? before.set(m, []).get(m)!).push(n);
  for (const l of before.values()) l.sort((a, b) => (runsBefore(a, b) ? -1 : 1));
  // Walk back along "has to wait for" from the first stuck node until a node repeats.
  const start = [...stuck].sort((a, b) => (runsBefore(a, b) ? -1 : 1))[0]!;
  const path: PlanNode[] = [];
  const at = new Map<PlanNode, number>();
  for (let n: PlanNode | undefined = start; n && !at.has(n); n = before.get(n)?.[0]) {
    at.set(n, path.length);
    path.push(n);
  }
  const last = path[path.length - 1]!;
  const back = before.get(last)?.[0];
  const cycle = (back && at.has(back) ? path.slice(at.get(back)!) : path).reverse();
  // Printed from its first node in priority order, so the message is stable.
  const first = cycle.indexOf([...cycle].sort((a, b) => (runsBefore(a, b) ? -1 : 1))[0]!);
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

export const describeNode = (n: PlanNode): string => `${n.op}${n.stage ? ` (${n.stage})` : ''} ${n.id}`;

function cycleError(cycle: PlanNode[]): StrataError {
  const names = cycle.map(describeNode);
  return new StrataError({
    code: 'plan.cycle',
    severity: 'error',
    subject: cycle[0]?.id ?? 'plan',
    message: `cannot order the plan: dependency cycle ${[...names, names[0]].join(' → ')}`,
    detail: names.map((x, i) => `  ${x}\n    has to run before ${names[(i + 1) % names.length]}`).join('\n'),
    hint: 'the objects depend on each other in the snapshot (dependsOn); break the cycle in the schema, or report it if PostgreSQL accepts it',
  });
}
