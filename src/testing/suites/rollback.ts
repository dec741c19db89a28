/**
 * Rollback: for every migration, on one database walked forward through the
 * folder with the runner itself: up → down gives back exactly the catalog before
 * the migration (owners included), up → down → up gives the catalog of up, and
 * with seed rows present, the down of a migration whose up loses no data keeps
 * every row that was there before. A residual difference is listed.
 */
import { BOOKKEEPING_SCHEMAS, snapshotDatabase } from '../../state/index.js';
import { compareSnapshots, diffSnapshots } from '../../engine/index.js';
import { readMigrationDir } from '../../migrations/index.js';
import { migrateDown, migrateUp } from '../../runner/index.js';
import { createScratchDatabase, type ServerTarget } from '../../cluster/index.js';
import type { CaseResult } from '../report.js';
import { connectClient } from '../harness.js';

export interface RollbackOptions {
  server: ServerTarget;
  dir: string;
  /** Load seed rows into the database at the given state; throws when the seed does not fit it. */
  seed?: (url: string) => Promise<void>;
}

export async function rollbackSuite(opts: RollbackOptions): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const { migrations } = await readMigrationDir(opts.dir);
  const db = await createScratchDatabase(opts.server, { label: 'rollback' });
  try {
    let seeded = false;
    let seedProblem = 'the seed needs a schema; there is none before the first migration';
    const runner = { url: db.url, dir: opts.dir, appliedBy: 'strata test (rollback)', secrets: 'placeholder' as const };
    let broken: string | undefined;
    for (const [i, m] of migrations.entries()) {
      const label = `${m.version}_${m.name}`;
      if (broken) {
        for (const what of ['up → down returns the previous catalog', 'down keeps the seeded rows', 'up → down → up equals up']) {
          out.push({ suite: 'rollback', name: `${label}: ${what}`, status: 'not generated', reason: `the walk stopped at ${broken}` });
        }
        continue;
      }
      if (i > 0 && !seeded && opts.seed) {
        try {
          await opts.seed(db.url);
          seeded = true;
        } catch (e) {
          seedProblem = `the seed does not load into the state before ${label}: ${(e as Error).message.split('\n')[0]}`;
        }
      }
      const before = await snapshotDatabase(db.url);
      const rowsBefore = seeded ? await rowCounts(db.url) : undefined;
      await migrateUp({ ...runner, to: m.version });
      const up = await snapshotDatabase(db.url);
      if (!m.down) {
        out.push({ suite: 'rollback', name: `${label}: up → down returns the previous catalog`, status: 'failed', reason: `${label} has no down file` });
        continue;
      }
      await migrateDown({ ...runner, steps: 1 });
      const down = await snapshotDatabase(db.url);
      const residual = compareSnapshots(before, down, { includeOwnership: true });
      out.push({
        suite: 'rollback',
        name: `${label}: up → down returns the previous catalog`,
        status: residual.length ? 'failed' : 'passed',
        reason: residual.length ? `the down of ${label} leaves ${residual.length} difference(s) from the catalog before it` : undefined,
        statement: residual.length ? m.down.path : undefined,
        detail: residual.length ? residual.slice(0, 40).join('\n') : undefined,
      });
      const destructive = diffSnapshots(before, up).steps.some((s) => s.hazards.includes('data-loss'));
      const rowsName = `${label}: down keeps the seeded rows`;
      if (!rowsBefore) out.push({ suite: 'rollback', name: rowsName, status: 'not generated', reason: seedProblem });
      else if (destructive) out.push({ suite: 'rollback', name: rowsName, status: 'not generated', reason: `${label} drops data on the way up (a data-loss step), so its down cannot bring the rows back` });
      else {
        const after = await rowCounts(db.url);
        const lost = Object.entries(rowsBefore).filter(([t, n]) => (after[t] ?? 0) < n);
        out.push({
          suite: 'rollback',
          name: rowsName,
          status: lost.length ? 'failed' : 'passed',
          reason: lost.length ? `rows lost by up → down: ${lost.map(([t, n]) => `${t} ${n} → ${after[t] ?? 0}`).join(', ')}` : undefined,
        });
      }
      try {
        await migrateUp({ ...runner, to: m.version });
      } catch (e) {
        broken = label;
        out.push({ suite: 'rollback', name: `${label}: up → down → up equals up`, status: 'failed', reason: `${label} does not apply again after its down: ${(e as Error).message.split('\n')[0]}`, statement: m.up.path });
        continue;
      }
      const again = await snapshotDatabase(db.url);
      const redo = compareSnapshots(up, again, { includeOwnership: true });
      out.push({
        suite: 'rollback',
        name: `${label}: up → down → up equals up`,
        status: redo.length ? 'failed' : 'passed',
        reason: redo.length ? `applying ${label} again after its down gives ${redo.length} difference(s)` : undefined,
        detail: redo.length ? redo.slice(0, 40).join('\n') : undefined,
      });
    }
  } finally {
    await db.drop();
  }
  return out;
}

/** Rows per ordinary and partitioned table outside the system schemas (partitions counted through their parent). */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const c = await connectClient(url);
  try {
    const r = await c.query<{ t: string }>(
      `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
          AND n.nspname <> ALL($1) ORDER BY 1`,
      [BOOKKEEPING_SCHEMAS],
    );
    const out: Record<string, number> = {};
    for (const { t } of r.rows) out[t] = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
    return out;
  } finally {
    await c.end();
  }
}
