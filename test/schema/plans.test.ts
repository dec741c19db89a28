/**
 * The composite indexes match the queries in queries/: each typed query's plan (with sequential scans
 * disabled, since the dev seed is small enough that the planner would rightly prefer them) uses the
 * index its annotation names. EXPLAIN runs the generated statement exactly as the runtime sends it.
 *
 * Search and "by kind" queries are different: a tenant holds a dozen projects here, so filtering the
 * tenant's rows through any tenant-leading B-tree beats the GIN/partial index, and the planner is right
 * to choose that. For those the test asserts the property that matters in a multi-tenant database: the
 * plan reaches rows through a tenant index, never a sequential scan. (Measured at --scale 10: the unread
 * badge switches to an index-only scan of its partial index; see docs/schema-design.md.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PreparedQuery } from '@pgtyped/runtime';
import type { ScratchDb } from '../helpers/server.js';
import { listProjectsByStatus, searchProjects, findProjectsByName } from '../../queries/projects.queries.js';
import { taskBoardForAssignee, projectTaskBoard } from '../../queries/tasks.queries.js';
import { unreadNotificationCount, listNotifications } from '../../queries/notifications.queries.js';
import { pendingApprovalsForUser } from '../../queries/collaboration.queries.js';
import { documentChunks, documentsByKindWithOffers } from '../../queries/documents.queries.js';
import { auditTrail, sessionByTokenHash, recentFailedLogins } from '../../queries/access.queries.js';
import { eventsInRange } from '../../queries/events.queries.js';
import { explain, type Plan } from '../../src/testing/index.js';
import { asRole, client, schemaDb, sid } from './fixture.js';

let db: ScratchDb;
let c: pg.Client;

beforeAll(async () => {
  db = await schemaDb({ seed: true });
  c = await client(db.url);
  await c.query('ANALYZE');
});

afterAll(async () => {
  await c?.end();
  await db?.drop();
});

/** The harness's EXPLAIN of a generated query, as the runtime would send it. */
async function plan<P>(query: PreparedQuery<P, unknown>, params: P): Promise<Plan> {
  return explain(c, query, params);
}

const indexConds = (p: Plan) => p.nodes().map((n) => String(n['Index Cond'] ?? '')).join('\n');

describe('query plans use the indexes designed for them', () => {
  const cases: [string, () => Promise<Plan>, string][] = [];
  const add = (name: string, index: string, fn: () => Promise<Plan>) => cases.push([name, fn, index]);
  add('ListProjectsByStatus', 'idx_projects_status_created_at', () => plan(listProjectsByStatus, { status: 'active', limit: 20 }));
  add('TaskBoardForAssignee', 'idx_tasks_assignee_id_status_priority', async () =>
    plan(taskBoardForAssignee, { assigneeId: await sid(c, 'user', 1), statuses: ['todo', 'in_progress'], limit: 50 }));
  add('ProjectTaskBoard', 'idx_tasks_project_id_status', async () => plan(projectTaskBoard, { projectId: await sid(c, 'project', 1) }));
  add('ListNotifications', 'idx_notifications_user_id_created_at', async () => plan(listNotifications, { userId: await sid(c, 'user', 1), limit: 20 }));
  add('PendingApprovalsForUser', 'idx_approval_participants_user_id_decided_at', async () =>
    plan(pendingApprovalsForUser, { userId: await sid(c, 'user', 1), limit: 20 }));
  add('DocumentChunks', 'chunk_meta_document_chunk_key', async () => plan(documentChunks, { documentId: await sid(c, 'document', 1, 1) }));
  add('AuditTrail', 'idx_audit_log_table_name_record_id', async () =>
    plan(auditTrail, { tableName: 'projects', recordId: await sid(c, 'project', 1), limit: 20 }));
  add('SessionByTokenHash', 'sessions_token_hash_key', () =>
    plan(sessionByTokenHash, { tokenHash: createHash('sha256').update('session-token:1').digest() }));
  add('RecentFailedLogins', 'idx_login_attempts_email_attempted_at', () =>
    plan(recentFailedLogins, { email: 'ada@example.com', since: new Date('2020-01-01Z') }));

  for (const [name, , index] of cases) {
    it(`${name} uses ${index}`, async () => {
      const entry = cases.find((x) => x[0] === name)!;
      const role = name === 'SessionByTokenHash' || name === 'RecentFailedLogins' ? 'app_system' : 'app_admin';
      const p = await asRole(c, role, { tenant: await sid(c, 'org', 1), user: await sid(c, 'user', 1) }, async () => {
        await c.query('SET LOCAL enable_seqscan = off');
        return entry[1]();
      });
      expect(p.usesIndex(index), p.text()).toBe(true);
    });
  }

  const tenantOnly: [string, () => Promise<Plan>][] = [
    ['SearchProjects', () => plan(searchProjects, { query: 'billing portal', limit: 10 })],
    ['FindProjectsByName', () => plan(findProjectsByName, { term: 'Bilinq Portl', limit: 10 })],
    ['UnreadNotificationCount', async () => plan(unreadNotificationCount, { userId: await sid(c, 'user', 1) })],
    ['DocumentsByKindWithOffers', () => plan(documentsByKindWithOffers, { kind: 'rfq', limit: 10 })],
  ];
  for (const [name, fn] of tenantOnly) {
    it(`${name} reaches rows through a tenant index, without a sequential scan`, async () => {
      const p = await asRole(c, 'app_admin', { tenant: await sid(c, 'org', 1), user: await sid(c, 'user', 1) }, async () => {
        await c.query('SET LOCAL enable_seqscan = off');
        return fn();
      });
      expect(p.seqScans(), p.text()).toEqual([]);
      expect(indexConds(p), p.text()).toMatch(/\(+organization_id = /);
    });
  }

  it('EventsInRange touches only the partitions of the range, through their tenant index', async () => {
    const { p, partition } = await asRole(c, 'app_admin', { tenant: await sid(c, 'org', 1) }, async () => {
      await c.query('SET LOCAL enable_seqscan = off');
      // The newest month with events, and the partition holding it.
      const bound = (
        await c.query<{ lo: Date; hi: Date; part: string }>(
          `SELECT date_trunc('month', max(occurred_at) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS lo, max(occurred_at) AS hi,
                  (SELECT e.tableoid::regclass::text FROM events e ORDER BY e.occurred_at DESC LIMIT 1) AS part FROM events`,
        )
      ).rows[0]!;
      return { p: await plan(eventsInRange, { from: bound.lo, to: bound.hi, limit: 100 }), partition: bound.part };
    });
    expect(p.nodes().some((n) => String(n['Index Name'] ?? '').endsWith('organization_id_occurred_at_idx')), p.text()).toBe(true);
    expect(p.seqScans(), p.text()).toEqual([]);
    // Only the month asked for (the bounds are parameters of a custom plan): one partition.
    expect(p.prunedTo([partition]), p.text()).toBe(true);
  });
});
