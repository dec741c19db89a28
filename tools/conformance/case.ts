/**
 * One corpus case through the invariants, on real PostgreSQL:
 * build old and new in two scratch databases, diff, then
 * (a) apply up to old and compare with new, (b) apply down to new and compare
 * with old, (c) diff(x, x) is empty, (d) a second generation from fresh
 * snapshots is byte-identical.
 */
import { withScratchDatabase, type ServerTarget } from '../../src/cluster/index.js';
import { applyScript, firstLine } from './apply.js';
import { catalogFingerprint, compareFingerprints, type Fingerprint } from './catalog.js';
import { caseSql, staticSkipReason, type CorpusCase } from './corpus.js';
import type { EngineFacade, Snapshot } from './engine.js';
import type { SnapshotSession } from '../../src/state/index.js';
import type { CaseResult, Check } from './result.js';
import { ensureRoles } from './roles.js';
import { parserReady, referencedRoles } from './sql.js';

export interface CaseContext {
  server: ServerTarget;
  /** Absent in load-only mode: the case is only built on PostgreSQL. */
  engine?: EngineFacade;
  serverMajor: number;
  statementTimeoutMs: number;
}

export async function runCase(c: CorpusCase, ctx: CaseContext): Promise<CaseResult> {
  const started = Date.now();
  const base = { id: c.id, source: c.source, category: c.category, tags: c.tags };
  const done = (r: Omit<CaseResult, 'id' | 'source' | 'category' | 'tags' | 'ms'>): CaseResult => ({
    ...base,
    ...r,
    ms: Date.now() - started,
  });

  const skip = staticSkipReason(c, ctx.serverMajor);
  if (skip) return done({ status: 'unloadable', reason: skip });

  await parserReady();
  const oldSql = caseSql(c, 'old');
  const newSql = caseSql(c, 'new');
  const scripts = (s: { setup?: string; body: string }) => (s.setup ? [s.setup, s.body] : [s.body]);
  const roles = new Set<string>(c.meta.managedRoles);
  for (const text of [...scripts(oldSql), ...scripts(newSql)]) for (const r of referencedRoles(text)) roles.add(r);
  const needed = [...roles].sort();
  await ensureRoles(ctx.server.adminUrl, needed);
  const extra: Pick<CaseResult, 'roles' | 'loadNotes'> = needed.length ? { roles: needed } : {};

  try {
    return await withScratchDatabase(ctx.server, { label: 'cnf_old' }, (urlA) =>
      withScratchDatabase(ctx.server, { label: 'cnf_new' }, async (urlB) => {
        const applyOpts = { statementTimeoutMs: ctx.statementTimeoutMs };
        const loadOpts = { ...applyOpts, lenient: true };
        const loadA = await applyScript(urlA, scripts(oldSql), loadOpts);
        if (!loadA.ok) return done({ status: 'unloadable', reason: `old.sql: ${loadA.error}`, ...extra });
        const loadB = await applyScript(urlB, scripts(newSql), loadOpts);
        if (!loadB.ok) return done({ status: 'unloadable', reason: `new.sql: ${loadB.error}`, ...extra });
        const notes = [...loadA.notes.map((n) => `old.sql: ${n}`), ...loadB.notes.map((n) => `new.sql: ${n}`)];
        if (notes.length) extra.loadNotes = notes;
        if (!ctx.engine) return done({ status: 'loaded', ...extra });
        return done({ ...(await checkInvariants(ctx.engine, urlA, urlB, applyOpts)), ...extra });
      }),
    );
  } catch (e) {
    return done({ status: 'error', reason: `harness: ${firstLine(String((e as Error).message ?? e))}`, ...extra });
  }
}

type Checks = Pick<CaseResult, 'status' | 'reason' | 'up' | 'down' | 'idempotent' | 'deterministic'>;

async function checkInvariants(
  engine: EngineFacade,
  urlA: string,
  urlB: string,
  applyOpts: { statementTimeoutMs: number },
): Promise<Checks> {
  const a = engine.snapshotSession(urlA);
  const b = engine.snapshotSession(urlB);
  try {
    return await runChecks(engine, { url: urlA, session: a }, { url: urlB, session: b }, applyOpts);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

interface CaseDb {
  url: string;
  session: SnapshotSession;
}

async function runChecks(
  engine: EngineFacade,
  { url: urlA, session: a }: CaseDb,
  { url: urlB, session: b }: CaseDb,
  applyOpts: { statementTimeoutMs: number },
): Promise<Checks> {
  let snapA0: Snapshot;
  let snapB0: Snapshot;
  let plan: { up: string; down: string };
  const [fpA0, fpB0] = await Promise.all([catalogFingerprint(urlA), catalogFingerprint(urlB)]);
  try {
    snapA0 = await a.snapshot();
  } catch (e) {
    return { status: 'error', reason: `snapshot of old threw: ${message(e)}` };
  }
  try {
    snapB0 = await b.snapshot();
  } catch (e) {
    return { status: 'error', reason: `snapshot of new threw: ${message(e)}` };
  }
  try {
    plan = engine.diffSnapshots(snapA0, snapB0);
  } catch (e) {
    return { status: 'error', reason: `diff threw: ${message(e)}` };
  }

  const idempotent = guard(() => {
    for (const [label, snap] of [['new', snapB0], ['old', snapA0]] as const) {
      const same = engine.diffSnapshots(snap, snap);
      const left = same.up.trim() || same.down.trim();
      if (left) return { ok: false, reason: `diff(${label}, ${label}) not empty: ${firstLine(left)}` };
    }
    return { ok: true };
  });

  const deterministic = await guardAsync(async () => {
    const again = engine.diffSnapshots(await a.snapshot(), await b.snapshot());
    if (again.up !== plan.up) return { ok: false, reason: `up differs on a second run: ${firstDifference(plan.up, again.up)}` };
    if (again.down !== plan.down) {
      return { ok: false, reason: `down differs on a second run: ${firstDifference(plan.down, again.down)}` };
    }
    return { ok: true };
  });

  const up = await guardAsync(() => applyAndCompare(engine, urlA, a, plan.up, { snap: snapB0, fp: fpB0 }, 'up', applyOpts));
  const down = await guardAsync(() => applyAndCompare(engine, urlB, b, plan.down, { snap: snapA0, fp: fpA0 }, 'down', applyOpts));
  return { status: 'ran', up, down, idempotent, deterministic };
}

/**
 * Apply a script and judge the result twice: with the engine's own snapshot
 * comparison, and with the independent catalog fingerprint (tools/conformance/catalog.ts),
 * so an object the engine does not model cannot pass unnoticed.
 */
async function applyAndCompare(
  engine: EngineFacade,
  url: string,
  session: SnapshotSession,
  script: string,
  target: { snap: Snapshot; fp: Fingerprint },
  label: 'up' | 'down',
  applyOpts: { statementTimeoutMs: number },
): Promise<Check> {
  const applied = await applyScript(url, [script], applyOpts);
  if (!applied.ok) return { ok: false, reason: `applying ${label} failed: ${applied.error} — at: ${applied.statement}` };
  const after = await session.snapshot();
  const diffs = engine.compareSnapshots(after, target.snap);
  const fp = compareFingerprints(await catalogFingerprint(url), target.fp);
  const note = fp.columnOrder.length ? { note: `column order: ${fp.columnOrder[0]}` } : {};
  if (diffs.length > 0) {
    const more = diffs.length > 1 ? ` (+${diffs.length - 1} more)` : '';
    return { ok: false, reason: `after ${label}: ${firstLine(diffs[0] ?? '', 200)}${more}`, ...note };
  }
  if (fp.differences.length > 0) {
    const more = fp.differences.length > 1 ? ` (+${fp.differences.length - 1} more)` : '';
    return { ok: false, reason: `after ${label}, catalog differs where the engine saw none: ${fp.differences[0]}${more}`, ...note };
  }
  return { ok: true, ...note };
}

function guard(fn: () => Check): Check {
  try {
    return fn();
  } catch (e) {
    return { ok: false, reason: `engine threw: ${message(e)}` };
  }
}

async function guardAsync(fn: () => Promise<Check>): Promise<Check> {
  try {
    return await fn();
  } catch (e) {
    return { ok: false, reason: `engine threw: ${message(e)}` };
  }
}

function message(e: unknown): string {
  return firstLine(e instanceof Error ? e.message : String(e));
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: ${firstLine(la[i] ?? '<end>', 80)} ≠ ${firstLine(lb[i] ?? '<end>', 80)}`;
  }
  return 'same lines, different bytes';
}
