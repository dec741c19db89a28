/**
 * Test harness and typical-query rows: cloning a per-test database from the
 * seeded template, and the latency (p50/p95/p99) of the typical queries on the
 * reference dataset at `strata seed --scale BENCH_SCALE` (default 10: 10,000
 * projects, 100,000 tasks, ~430k rows), run as app_admin with RLS on and a
 * tenant context set, through the pgtyped runtime exactly as an application
 * sends them. The scale 1000 (10M tasks) does not fit a shared 2-core
 * machine's time budget; the scale used is printed in each note.
 *   BENCH_SCALE=20 npx tsx bench/run.ts testing
 */
import type { PreparedQuery } from '@pgtyped/runtime';
import { createHarness } from '../src/testing/index.js';
import { run } from '../src/testing/index.js';
import { listProjectsByStatus, searchProjects } from '../queries/projects.queries.js';
import { taskBoardForAssignee, projectTaskBoard } from '../queries/tasks.queries.js';
import { listNotifications, unreadNotificationCount } from '../queries/notifications.queries.js';
import { pendingApprovalsForUser } from '../queries/collaboration.queries.js';
import { documentChunks } from '../queries/documents.queries.js';
import { eventsInRange } from '../queries/events.queries.js';
import { repeat, type Bench, type BenchRow } from './lib.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const CALLS = 200;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const bench: Bench = {
  title: 'Test harness and typical queries (RLS on, app role)',
  async run(ctx) {
    const rows: BenchRow[] = [];
    // The per-test database the reference suites use: a clone of the dev-seeded template.
    const dev = await createHarness({ root: ctx.root, server: ctx.server, seed: 'dev', label: 'bench_dev' });
    try {
      const devClones = await repeat(ctx.runs, async () => {
        const db = await dev.database('bench');
        await db.drop();
      }, { warmup: 1 });
      rows.push({ name: 'per-test database: clone + drop (dev-seeded template)', samples: devClones, targetMs: 100, note: 'what each test/schema file and strata test use' });
    } finally {
      await dev.dispose();
    }
    const t0 = performance.now();
    const h = await createHarness({ root: ctx.root, server: ctx.server, seed: { scale: SCALE }, label: 'bench_queries' });
    const buildMs = performance.now() - t0;
    try {
      const clones = await repeat(ctx.runs, async () => {
        const db = await h.database('bench');
        await db.drop();
      }, { warmup: 1 });
      rows.push({ name: `per-test database: clone + drop (scale ${SCALE} template)`, samples: clones, targetMs: 100, note: 'createScratchDatabase from the seeded template, then DROP' });
      const total = Object.values(h.seeded?.rows ?? {}).reduce((a, b) => a + b, 0);
      rows.push({ name: `template: migrations + seed --scale ${SCALE} + ANALYZE`, samples: [buildMs], note: `${total} rows (${h.seeded?.rows.projects} projects, ${h.seeded?.rows.tasks} tasks); one run` });

      await h.withDatabase(async (db) => {
        const c = await db.client();
        // A busy tenant, one of its members, projects and documents (read as the owner, outside RLS).
        const pick = (await c.query<{ org: string; usr: string; project: string; doc: string | null }>(`
          SELECT p.organization_id AS org, m.user_id AS usr, p.id AS project,
                 (SELECT d.id FROM documents d WHERE d.organization_id = p.organization_id LIMIT 1) AS doc
            FROM projects p JOIN organization_members m ON m.organization_id = p.organization_id
           ORDER BY p.organization_id, p.id, m.user_id LIMIT 1`)).rows[0]!;
        const month = (await c.query<{ lo: Date; hi: Date }>(`SELECT date_trunc('month', max(occurred_at)) AS lo, max(occurred_at) AS hi FROM events`)).rows[0]!;
        const cases: [string, PreparedQuery<never, unknown>, unknown][] = [
          ['ListProjectsByStatus', listProjectsByStatus as never, { status: 'active', limit: 20 }],
          ['SearchProjects', searchProjects as never, { query: 'portal', limit: 10 }],
          ['TaskBoardForAssignee', taskBoardForAssignee as never, { assigneeId: pick.usr, statuses: ['todo', 'in_progress'], limit: 50 }],
          ['ProjectTaskBoard', projectTaskBoard as never, { projectId: pick.project }],
          ['ListNotifications', listNotifications as never, { userId: pick.usr, limit: 20 }],
          ['UnreadNotificationCount', unreadNotificationCount as never, { userId: pick.usr }],
          ['PendingApprovalsForUser', pendingApprovalsForUser as never, { userId: pick.usr, limit: 20 }],
          ['DocumentChunks', documentChunks as never, { documentId: pick.doc }],
          ['EventsInRange', eventsInRange as never, { from: month.lo, to: month.hi, limit: 100 }],
        ];
        for (const [name, query, params] of cases) {
          const samples = await h.asRole(c, 'app_admin', { tenant: pick.org, user: pick.usr }, async () => {
            for (let i = 0; i < 10; i++) await run(c, query, params as never);
            const out: number[] = [];
            for (let i = 0; i < CALLS; i++) {
              const s = performance.now();
              await run(c, query, params as never);
              out.push(performance.now() - s);
            }
            return out;
          });
          const p95 = pct(samples, 95);
          rows.push({
            name: `${name} (scale ${SCALE})`,
            samples,
            note: `p50 ${pct(samples, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${pct(samples, 99).toFixed(2)} ms over ${CALLS} calls; p95 target 5 ms ${p95 < 5 ? '✔' : '✘'}`,
          });
        }
      });
    } finally {
      await h.dispose();
    }
    return rows;
  },
};

export default bench;
