/**
 * Index plans: a query in the project's query folder may say which index it must
 * use, with a line comment in its body:
 *
 *   -- @uses idx_tasks_project_id_status
 *   -- @role app_system            (optional: plan as this role, default the first tenancy role)
 *
 * On the seeded, ANALYZEd dataset the query is planned (EXPLAIN (GENERIC_PLAN):
 * no parameter values are needed) as that role with a seeded tenant's context, so
 * RLS policies are part of the plan. It must use each named index and must not
 * read a large table (at least `largeRows` rows) with a sequential scan. Its plan
 * shape (node types, relations, indexes) is compared with the one recorded in
 * the plans file; a changed plan fails with both shown (update: `--update-plans`).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import * as pgQuery from 'libpg-query';
import { parseSQLFile, queryASTToIR } from '@pgtyped/parser';
import { processSQLQueryIR } from '@pgtyped/runtime';
import type { TenancyConfig } from '../../config/index.js';
import { isPgError } from '../../db/errors.js';
import { setContext } from '../context.js';
import { explain, shapeText, type PlanShape } from '../explain.js';
import type { CaseResult } from '../report.js';

export interface AnnotatedQuery {
  file: string;
  name: string;
  uses: string[];
  role?: string;
  /** Statement text with `$n` placeholders. */
  text: string;
}

const USES = /@uses\s+([A-Za-z_][A-Za-z0-9_$]*)/g;
const ROLE = /@role\s+([A-Za-z_][A-Za-z0-9_$]*)/;

/** Queries in `dir` carrying `@uses` annotations (comments found with PostgreSQL's own scanner). */
export async function annotatedQueries(dir: string, root: string): Promise<AnnotatedQuery[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.sql')).sort();
  const out: AnnotatedQuery[] = [];
  await pgQuery.loadModule();
  for (const f of files) {
    const text = await readFile(path.join(dir, f), 'utf8');
    if (!text.includes('@uses')) continue;
    const parsed = parseSQLFile(text);
    for (const q of parsed.queries) {
      const comments = pgQuery.scanSync(q.statement.body).tokens.filter((t) => t.tokenName === 'SQL_COMMENT').map((t) => t.text);
      const uses = comments.flatMap((c) => [...c.matchAll(USES)].map((m) => m[1]!));
      if (!uses.length) continue;
      const role = comments.map((c) => ROLE.exec(c)?.[1]).find((r) => r);
      const ir = queryASTToIR(q);
      const dummy: Parameters<typeof processSQLQueryIR>[1] = {};
      for (const p of ir.params) dummy[p.name] = p.transform.type === 'array_spread' || p.transform.type === 'pick_array_spread' ? [null] : null;
      const { query } = processSQLQueryIR(ir, dummy);
      out.push({ file: path.relative(root, path.join(dir, f)), name: q.name, uses, role, text: query });
    }
  }
  return out;
}

export type PlanRecord = Record<string, PlanShape>;

export interface PlansOptions {
  tenancy?: TenancyConfig;
  /** Tenant whose context the queries are planned in. */
  tenant?: string;
  /** A table with at least this many rows must not be read by a sequential scan. */
  largeRows: number;
  recorded: PlanRecord;
  update: boolean;
}

export async function plansSuite(c: pg.Client, queries: AnnotatedQuery[], opts: PlansOptions): Promise<{ cases: CaseResult[]; plans: PlanRecord }> {
  const cases: CaseResult[] = [];
  const plans: PlanRecord = {};
  const large = new Set(
    (await c.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relkind IN ('r', 'p') AND reltuples >= $1`, [opts.largeRows])).rows.map((r) => r.t),
  );
  for (const q of queries) {
    const key = `${q.file}#${q.name}`;
    const role = q.role ?? opts.tenancy?.roles[0];
    let plan;
    await c.query('BEGIN');
    try {
      if (role && opts.tenancy) await setContext(c, role, { tenant: opts.tenant ?? null }, opts.tenancy.settings);
      plan = await explain(c, q.text, [], { generic: true });
    } catch (e) {
      cases.push({ suite: 'plans', name: `${key} plans`, status: 'failed', reason: isPgError(e) ? `EXPLAIN failed: ${e.code}: ${e.message}` : String(e), statement: q.text });
      continue;
    } finally {
      await c.query('ROLLBACK');
    }
    const text = plan.text();
    for (const idx of q.uses) {
      const ok = plan.usesIndex(idx);
      cases.push({ suite: 'plans', name: `${key} uses ${idx}`, status: ok ? 'passed' : 'failed', reason: ok ? undefined : `the plan does not use ${idx}`, statement: q.text, detail: ok ? undefined : `plan:\n${text}` });
    }
    const seq = plan.seqScans().filter((t) => large.has(t));
    cases.push({
      suite: 'plans',
      name: `${key} reads no large table sequentially`,
      status: seq.length ? 'failed' : 'passed',
      reason: seq.length ? `sequential scan of ${seq.join(', ')} (≥ ${opts.largeRows} rows)` : undefined,
      statement: seq.length ? q.text : undefined,
      detail: seq.length ? `plan:\n${text}` : undefined,
    });
    const shape = plan.shape();
    plans[key] = shape;
    const old = opts.recorded[key];
    const same = old !== undefined && JSON.stringify(old) === JSON.stringify(shape);
    cases.push({
      suite: 'plans',
      name: `${key} keeps its recorded plan`,
      status: same || opts.update ? 'passed' : 'failed',
      reason: same || opts.update ? undefined : old ? 'the plan changed' : 'no plan recorded for this query',
      detail: same || opts.update ? undefined : `${old ? `recorded plan:\n${shapeText(old)}\n` : ''}new plan:\n${text}\n(accept with strata test --only plans --update-plans)`,
    });
  }
  return { cases, plans };
}

export async function readPlanRecord(file: string): Promise<PlanRecord> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PlanRecord;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
}

export async function writePlanRecord(file: string, plans: PlanRecord): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(plans).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFile(file, JSON.stringify(sorted, null, 2) + '\n');
}
