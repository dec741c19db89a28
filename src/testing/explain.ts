/**
 * EXPLAIN as data: the JSON plan tree of a statement or a generated (pgtyped)
 * query, with the questions plan tests ask (`usesIndex`, `hasSeqScanOn`,
 * `prunedTo`) and a stable shape for plan-stability checks.
 */
import type pg from 'pg';
import type { PreparedQuery } from '@pgtyped/runtime';

/** One node of EXPLAIN (FORMAT JSON), as the server writes it. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
  [field: string]: unknown;
}

/** A plan node reduced to what identifies the plan's strategy (no costs or row estimates). */
export interface PlanShape {
  node: string;
  relation?: string;
  index?: string;
  children?: PlanShape[];
}

export interface Plan {
  root: PlanNode;
  /** Every node, depth first. */
  nodes(): PlanNode[];
  usesIndex(name: string): boolean;
  /** Whether a sequential scan reads `table` (its name as the plan writes it, unqualified). */
  hasSeqScanOn(table: string): boolean;
  /** Tables read by a sequential scan. */
  seqScans(): string[];
  /** Every relation a scan node reads. */
  relations(): string[];
  /** Whether the partitions of `parent` the plan reads are exactly `partitions`. */
  prunedTo(partitions: string[]): boolean;
  shape(): PlanShape;
  /** EXPLAIN's text rendering of the shape, one node a line. */
  text(): string;
}

export type ExplainTarget = pg.Client;

/**
 * EXPLAIN (FORMAT JSON) of `query`: SQL text with `$n` parameters, or a generated
 * query (whose text pgtyped expands from `params`). Runs in the caller's
 * transaction and role, so RLS policies and SET LOCAL planner settings apply.
 * `generic` plans without parameter values (EXPLAIN (GENERIC_PLAN)).
 */
export async function explain<P>(
  c: ExplainTarget,
  query: string | PreparedQuery<P, unknown>,
  params?: P | unknown[],
  opts: { generic?: boolean } = {},
): Promise<Plan> {
  const prefix = `EXPLAIN (FORMAT JSON${opts.generic ? ', GENERIC_PLAN' : ''}) `;
  let json: unknown;
  if (typeof query === 'string') {
    json = (await c.query<{ 'QUERY PLAN': unknown }>(prefix + query, (params as unknown[] | undefined) ?? [])).rows[0]!['QUERY PLAN'];
  } else {
    const rows = (await query.run((params ?? {}) as P, {
      query: async (text, bindings) => {
        const r = await c.query(prefix + text, opts.generic ? [] : bindings);
        return { rows: r.rows, rowCount: r.rowCount ?? 0 };
      },
    })) as unknown as { 'QUERY PLAN': unknown }[];
    json = rows[0]!['QUERY PLAN'];
  }
  const root = (json as { Plan: PlanNode }[])[0]!.Plan;
  const parents = await partitionParents(c, relationsOf(root));
  return planOf(root, parents);
}

function walk(n: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(n);
  for (const k of n.Plans ?? []) walk(k, out);
  return out;
}

function relationsOf(root: PlanNode): string[] {
  return [...new Set(walk(root).flatMap((n) => (n['Relation Name'] ? [n['Relation Name']] : [])))].sort();
}

/** Parent table of each relation that is a partition (by name as the plan writes it). */
async function partitionParents(c: ExplainTarget, relations: string[]): Promise<Map<string, string>> {
  if (!relations.length) return new Map();
  const r = await c.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_inherits i
       JOIN pg_class ch ON ch.oid = i.inhrelid JOIN pg_class pa ON pa.oid = i.inhparent
      WHERE ch.relname = ANY($1) AND pa.relkind = 'p'`,
    [relations],
  );
  return new Map(r.rows.map((x) => [x.child, x.parent]));
}

export function shapeOf(n: PlanNode): PlanShape {
  const s: PlanShape = { node: n['Node Type'] };
  if (n['Relation Name']) s.relation = n['Relation Name'];
  if (n['Index Name']) s.index = n['Index Name'];
  if (n.Plans?.length) s.children = n.Plans.map(shapeOf);
  return s;
}

export function shapeText(s: PlanShape, depth = 0): string {
  const line = `${'  '.repeat(depth)}${s.node}${s.relation ? ` on ${s.relation}` : ''}${s.index ? ` using ${s.index}` : ''}`;
  return [line, ...(s.children ?? []).map((k) => shapeText(k, depth + 1))].join('\n');
}

function planOf(root: PlanNode, parents: Map<string, string>): Plan {
  const nodes = () => walk(root);
  const isSeq = (n: PlanNode) => n['Node Type'] === 'Seq Scan' || n['Node Type'] === 'Parallel Seq Scan';
  return {
    root,
    nodes,
    usesIndex: (name) => nodes().some((n) => n['Index Name'] === name),
    hasSeqScanOn: (table) => nodes().some((n) => isSeq(n) && (n['Relation Name'] === table || parents.get(n['Relation Name'] ?? '') === table)),
    seqScans: () => [...new Set(nodes().filter(isSeq).map((n) => n['Relation Name']!))].sort(),
    relations: () => relationsOf(root),
    prunedTo(partitions) {
      const want = new Set(partitions);
      const parentsOfWanted = new Set(partitions.map((p) => parents.get(p)).filter((p): p is string => p !== undefined));
      if (parentsOfWanted.size !== 1 || [...want].some((p) => !parents.has(p))) return false;
      const parent = [...parentsOfWanted][0]!;
      const read = relationsOf(root).filter((r) => parents.get(r) === parent);
      return read.length === want.size && read.every((r) => want.has(r));
    },
    shape: () => shapeOf(root),
    text: () => shapeText(shapeOf(root)),
  };
}
