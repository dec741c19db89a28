/**
 * `strata test`: the generated suites on a project, enumerated from its catalog.
 * Config section `test` (all optional):
 *   { "plans": { "scale": 2, "largeRows": 5000, "file": "queries/plans.json" } }
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ServerTarget } from '../cluster/index.js';
import { loadConfig, configError, type ProjectConfig } from '../config/index.js';
import { firstOfMonthUtc, seedDatabase, seedProfile } from '../seed/index.js';
import { readCatalogFacts } from './catalog.js';
import { createHarness, type Harness, type SeedChoice } from './harness.js';
import { SUITES, type CaseResult, type SuiteName, type SuiteResult } from './report.js';
import { constraintsSuite } from './suites/constraints.js';
import { fkIndexesSuite } from './suites/fk-indexes.js';
import { annotatedQueries, plansSuite, readPlanRecord, writePlanRecord } from './suites/plans.js';
import { rlsSuite } from './suites/rls.js';
import { rollbackSuite } from './suites/rollback.js';
import { enumsOf, tablesOf } from './tables.js';
import { BOOKKEEPING_SCHEMAS } from '../state/index.js';

export interface TestSettings {
  planScale: number;
  largeRows: number;
  plansFile: string;
}

export function testSettings(config: ProjectConfig): TestSettings {
  const raw = (config.section('test') ?? {}) as { plans?: { scale?: unknown; largeRows?: unknown; file?: unknown } };
  const label = config.file ? path.relative(process.cwd(), config.file) : 'strata.config.json';
  if (typeof raw !== 'object' || raw === null) throw configError(label, '"test" must be an object');
  const p = raw.plans ?? {};
  const int = (v: unknown, name: string, dflt: number) => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw configError(label, `"test.plans.${name}" must be a positive integer`);
    return v;
  };
  if (p.file !== undefined && typeof p.file !== 'string') throw configError(label, '"test.plans.file" must be a path');
  return {
    planScale: int(p.scale, 'scale', 2),
    largeRows: int(p.largeRows, 'largeRows', 5000),
    plansFile: path.resolve(config.root, (p.file as string | undefined) ?? path.join(path.relative(config.root, config.paths.queries), 'plans.json')),
  };
}

export interface RunOptions {
  root: string;
  server?: ServerTarget;
  only?: SuiteName[];
  /** Record the current plans instead of failing on changed ones. */
  updatePlans?: boolean;
  onProgress?: (message: string) => void;
  /** Share templates with the other processes of this test run (see HarnessOptions.shared). */
  shared?: string;
}

async function hasSeed(config: ProjectConfig): Promise<boolean> {
  return (await readdir(config.paths.seed).catch(() => [] as string[])).some((f) => f.endsWith('.sql'));
}

/** A harness seeded as asked, or unseeded (with the reason) when the project's seed does not load. */
async function seededHarness(base: Harness, seed: SeedChoice, label: string, shared?: string): Promise<{ h: Harness; seedProblem?: string }> {
  const opts = { root: base.config.root, server: base.server, from: base, label, shared };
  try {
    return { h: await createHarness({ ...opts, seed }) };
  } catch (e) {
    if (!seed) throw e;
    return { h: await createHarness({ ...opts, seed: false }), seedProblem: (e as Error).message };
  }
}

export async function runSuites(opts: RunOptions): Promise<SuiteResult[]> {
  const config = await loadConfig(opts.root);
  const settings = testSettings(config);
  const want = new Set<SuiteName>(opts.only?.length ? opts.only : SUITES);
  const say = opts.onProgress ?? (() => undefined);
  const results: SuiteResult[] = [];
  const seedable = await hasSeed(config);
  const timed = async (suite: SuiteName, fn: () => Promise<{ cases: CaseResult[]; facts?: SuiteResult['facts'] }>) => {
    const t0 = performance.now();
    say(`${suite}…`);
    const r = await fn();
    results.push({ suite, cases: r.cases, facts: r.facts ?? {}, elapsedMs: performance.now() - t0 });
  };

  // The project's state is built once; the seeded templates are clones of it.
  let base: Harness | undefined;
  const baseHarness = async () => (base ??= await createHarness({ root: opts.root, server: opts.server, label: 'test_base', shared: opts.shared }));
  try {
    return await suites();
  } finally {
    await base?.dispose();
  }

  async function suites(): Promise<SuiteResult[]> {
    if (want.has('constraints') || want.has('rls') || want.has('fk-indexes')) {
      say('building the test template (migrations + seed)…');
      const { h, seedProblem } = await seededHarness(await baseHarness(), seedable ? 'dev' : false, 'test_dev', opts.shared);
      try {
        await h.withDatabase(async (db) => {
          const c = await db.client();
          const schemas = h.snapshot.objects.filter((o) => o.kind === 'schema').map((o) => (o as { name: string }).name).filter((s) => !BOOKKEEPING_SCHEMAS.includes(s));
          const facts = await readCatalogFacts(c, schemas);
          const tables = tablesOf(h.snapshot, facts);
          const seedFact: Record<string, string> = seedProblem ? { seed: `not loaded: ${seedProblem.split('\n')[0]}` } : {};
          if (want.has('constraints')) {
            await timed('constraints', async () => {
              const cases = await constraintsSuite(c, tables, { enums: enumsOf(h.snapshot) });
              return { cases, facts: { tables: tables.length, ...seedFact } };
            });
          }
          if (want.has('rls')) {
            await timed('rls', async () => {
              if (!config.tenancy) {
                return { cases: [{ suite: 'rls', name: 'row-level security matrix', status: 'not generated', reason: 'the project config has no "tenancy" section (tenant column, roles, settings)' }] };
              }
              const r = await rlsSuite(c, tables, config.tenancy, { enums: enumsOf(h.snapshot) });
              return { cases: r.cases, facts: { 'RLS tables': r.facts.tables, 'matrix cells': r.facts.cells, leaks: r.facts.leaks, 'own-tenant writes checked': r.facts.ownWrites } };
            });
          }
          if (want.has('fk-indexes')) await timed('fk-indexes', async () => ({ cases: await fkIndexesSuite(c, tables) }));
        }, 'test_suites');
      } finally {
        await h.dispose();
      }
    }

    if (want.has('plans')) {
      await timed('plans', async () => {
        const queries = await annotatedQueries(config.paths.queries, config.root);
        if (!queries.length) return { cases: [], facts: { 'annotated queries': 0 } };
        say(`seeding the plan dataset (scale ${settings.planScale})…`);
        const { h, seedProblem } = await seededHarness(await baseHarness(), seedable ? { scale: settings.planScale } : false, 'test_plans', opts.shared);
        try {
          return await h.withDatabase(async (db) => {
            const c = await db.client();
            const col = config.tenancy?.column;
            // The tenant with the most rows in the biggest tenant table: the plan a busy tenant gets.
            let tenant: string | undefined;
            if (col) {
              const r = await c.query<{ t: string }>(
                `SELECT c.oid::regclass::text AS t FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = $1
                  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.reltuples DESC LIMIT 1`,
                [col],
              );
              if (r.rows[0]) {
                const q = await c.query<{ v: string }>(`SELECT ${c.escapeIdentifier(col)}::text AS v FROM ${r.rows[0].t} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
                tenant = q.rows[0]?.v;
              }
            }
            const recorded = await readPlanRecord(settings.plansFile);
            const r = await plansSuite(c, queries, { tenancy: config.tenancy, tenant, largeRows: settings.largeRows, recorded, update: Boolean(opts.updatePlans) });
            if (opts.updatePlans) await writePlanRecord(settings.plansFile, r.plans);
            const rows = h.seeded ? Object.values(h.seeded.rows).reduce((a, b) => a + b, 0) : 0;
            return {
              cases: r.cases,
              facts: { 'annotated queries': queries.length, 'seed scale': settings.planScale, 'seeded rows': rows, ...(seedProblem ? { seed: `not loaded: ${seedProblem.split('\n')[0]}` } : {}) },
            };
          }, 'test_plans');
        } finally {
          await h.dispose();
        }
      });
    }

    if (want.has('rollback')) {
      await timed('rollback', async () => {
        const server: ServerTarget = opts.server ?? (await baseHarness()).server;
        const seed = seedable
          ? (url: string) => seedDatabase(url, { seedDir: config.paths.seed, profile: seedProfile(config, 'dev'), baseDate: firstOfMonthUtc(), force: true }).then(() => undefined)
          : undefined;
        const cases = await rollbackSuite({ server, dir: config.paths.migrations, seed });
        return { cases, facts: { migrations: cases.filter((x) => x.name.endsWith('returns the previous catalog')).length } };
      });
    }
    return results;
  }
}
