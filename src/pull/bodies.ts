/**
 * What a `LANGUAGE sql` function's body uses. PostgreSQL checks such a body when the
 * function is created, so the tables, views and functions it names must exist first,
 * but the catalog records none of it (only BEGIN ATOMIC bodies have pg_depend rows).
 * The body is parsed with the PostgreSQL parser (libpg-query) and the names it uses
 * are matched with the snapshot's objects.
 */
import * as pgQuery from 'libpg-query';
import type { FunctionObject, Snapshot } from '../core/model/index.js';

interface Named {
  schema: string | null;
  name: string;
  kind: 'relation' | 'function';
}

/** Function id → ids of the relations and functions its SQL body names; needs `pgQuery.loadModule()` first. */
export function sqlBodyDependencies(snapshot: Snapshot): Map<string, string[]> {
  const relations = new Map<string, string>();
  const functions = new Map<string, string[]>();
  for (const o of snapshot.objects) {
    if (o.kind === 'table' || o.kind === 'view' || o.kind === 'materialized_view') relations.set(`${o.schema}.${o.name}`, o.id);
    if (o.kind === 'function') {
      const k = `${o.schema}.${o.name}`;
      functions.set(k, [...(functions.get(k) ?? []), o.id]);
    }
  }
  const out = new Map<string, string[]>();
  for (const o of snapshot.objects) {
    if (o.kind !== 'function') continue;
    const used = new Set<string>();
    for (const n of namesInBody(o)) {
      for (const schema of n.schema !== null ? [n.schema] : [o.schema, 'public']) {
        const key = `${schema}.${n.name}`;
        const ids = n.kind === 'relation' ? [relations.get(key)].filter((x): x is string => !!x) : (functions.get(key) ?? []);
        for (const id of ids) if (id !== o.id) used.add(id);
        if (ids.length) break;
      }
    }
    if (used.size) out.set(o.id, [...used].sort());
  }
  return out;
}

function namesInBody(f: FunctionObject): Named[] {
  let body: string | undefined;
  try {
    const stmt = (pgQuery.parseSync(f.definition).stmts?.[0]?.stmt ?? {}) as { CreateFunctionStmt?: { options?: DefElemNode[]; sql_body?: unknown } };
    const cf = stmt.CreateFunctionStmt;
    if (!cf || cf.sql_body) return [];
    const opt = (name: string) => cf.options?.find((d) => d.DefElem?.defname === name)?.DefElem?.arg;
    const language = (opt('language') as { String?: { sval?: string } } | undefined)?.String?.sval;
    if (language !== 'sql') return [];
    body = (opt('as') as { List?: { items?: { String?: { sval?: string } }[] } } | undefined)?.List?.items?.[0]?.String?.sval;
    if (!body) return [];
    const out: Named[] = [];
    walk(pgQuery.parseSync(body), out);
    return out;
  } catch {
    // A body the parser cannot read (it is checked when the function is created): no extra order.
    return [];
  }
}

interface DefElemNode {
  DefElem?: { defname?: string; arg?: unknown };
}

function walk(node: unknown, out: Named[]): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  // A RangeVar is wrapped ({RangeVar: {...}}) in lists and bare where a field holds one (INSERT's relation).
  const rv = (n.RangeVar ?? (typeof n.relname === 'string' ? n : undefined)) as { schemaname?: string; relname?: string } | undefined;
  if (rv?.relname) out.push({ schema: rv.schemaname ?? null, name: rv.relname, kind: 'relation' });
  const fc = n.FuncCall as { funcname?: { String?: { sval?: string } }[] } | undefined;
  if (fc?.funcname?.length) {
    const parts = fc.funcname.map((p) => p.String?.sval ?? '');
    out.push({ schema: parts.length > 1 ? parts[0]! : null, name: parts[parts.length - 1]!, kind: 'function' });
  }
  for (const v of Object.values(n)) walk(v, out);
}
