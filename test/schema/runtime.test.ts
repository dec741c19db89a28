import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { ConnectionPool } from '@databases/pg';
import type { ScratchDb } from '../helpers/server.js';
import { connect, sql } from '../../src/db/connect.js';
import { runQuery, tenantRuntime } from '../../src/runtime/index.js';
import { loadConfig } from '../../src/config/index.js';
import { listProjectsByStatus, createProject, updateProjectStatus, searchProjects } from '../../queries/projects.queries.js';
import { requirementTree } from '../../queries/requirements.queries.js';
import { taskBoardForAssignee, taskDependencyGraph, addTaskDependency } from '../../queries/tasks.queries.js';
import { unreadNotificationCount } from '../../queries/notifications.queries.js';
import { pendingApprovalsForUser } from '../../queries/collaboration.queries.js';
import { documentsByKindWithOffers, documentChunks } from '../../queries/documents.queries.js';
import { checkPermission, sessionByTokenHash, auditTrail } from '../../queries/access.queries.js';
import { eventsInRange, recordEvent } from '../../queries/events.queries.js';
import { BASE_DATE, ROOT, schemaDb } from './fixture.js';

// The reference project's tenancy (roles, settings) from its strata.config.json.
const { withTenant } = tenantRuntime((await loadConfig(ROOT)).tenancy);

let db: ScratchDb;
let pool: ConnectionPool;
const id = (s: string) => {
  const h = createHash('md5').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const acme = id('org:1');
const globex = id('org:2');
const ada = id('user:1');

beforeAll(async () => {
  db = await schemaDb({ seed: true });
  pool = connect(db.url, { poolSize: 1 });
});

afterAll(async () => {
  await pool?.dispose();
  await db?.drop();
});

const asAdmin = { tenantId: acme, userId: ada, role: 'app_admin' as const };

describe('withTenant', () => {
  it('sets role and tenant for the transaction only; nothing leaks to the pooled connection', async () => {
    const inside = await withTenant(pool, asAdmin, async (tx) =>
      (await tx.query(sql`SELECT current_user AS u, current_tenant()::text AS t, current_app_user()::text AS a`))[0],
    );
    expect(inside).toEqual({ u: 'app_admin', t: acme, a: ada });
    // poolSize 1: the same connection, after COMMIT.
    const after = (await pool.query(sql`SELECT current_user AS u, current_setting('app.tenant_id', true) AS t`))[0];
    expect(after.u).not.toBe('app_admin');
    expect(after.t ?? '').toBe('');
  });

  it('works inside an existing transaction and restores the outer context afterwards', async () => {
    await pool.tx(async (outer) => {
      const before = (await outer.query(sql`SELECT current_user AS u`))[0].u as string;
      const n = await withTenant(outer, { tenantId: globex, role: 'app_viewer' }, async (tx) =>
        Number((await tx.query(sql`SELECT count(*) AS n FROM projects`))[0].n),
      );
      expect(n).toBe(12);
      const restored = (await outer.query(sql`SELECT current_user AS u, current_setting('app.tenant_id', true) AS t`))[0];
      expect(restored.u).toBe(before);
      expect(restored.t ?? '').toBe('');
    });
  });

  it('rolls the context back with the work when the callback throws', async () => {
    await expect(
      withTenant(pool, asAdmin, async (tx) => {
        await tx.query(sql`UPDATE projects SET name = 'never saved' WHERE id = ${id('project:1')}`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const name = (await pool.query(sql`SELECT name FROM projects WHERE id = ${id('project:1')}`))[0].name;
    expect(name).not.toBe('never saved');
  });

  it('refuses a role outside the tenant roles and a malformed tenant id', async () => {
    await expect(withTenant(pool, { tenantId: acme, role: 'postgres' }, async () => 1)).rejects.toThrow(/role must be one of/);
    await expect(withTenant(pool, { tenantId: "x'; DROP TABLE projects; --", role: 'app_admin' }, async () => 1)).rejects.toThrow(/UUID/);
  });

  it('takes its roles and setting names from the tenancy config, not from the reference schema', async () => {
    const other = tenantRuntime({ column: 'account_id', roles: ['app_viewer'], settings: { tenant: 'other.account' } });
    const seen = await other.withTenant(pool, { tenantId: acme, role: 'app_viewer' }, async (tx) =>
      (await tx.query(sql`SELECT current_user AS u, current_setting('other.account', true) AS t, coalesce(current_setting('app.tenant_id', true), '') AS ref`))[0],
    );
    expect(seen).toEqual({ u: 'app_viewer', t: acme, ref: '' });
    // app_admin exists in the database but is not one of this config's roles.
    await expect(other.withTenant(pool, { tenantId: acme, role: 'app_admin' }, async () => 1)).rejects.toThrow(/role must be one of app_viewer/);
    // No user setting configured: a user id has nowhere to go and is refused rather than dropped.
    await expect(other.withTenant(pool, { tenantId: acme, userId: ada, role: 'app_viewer' }, async () => 1)).rejects.toThrow(/tenancy.settings.user/);
    expect(() => tenantRuntime(undefined)).toThrow(/no "tenancy" section/);
  });
});

describe('typed queries', () => {
  it('pages projects by status with a keyset, typed and camelCased', async () => {
    await withTenant(pool, asAdmin, async (tx) => {
      const first = await runQuery(listProjectsByStatus, { status: 'active', limit: 2 }, tx);
      expect(first).toHaveLength(2);
      expect(first[0]!.createdAt).toBeInstanceOf(Date);
      expect(typeof first[0]!.projectType).toBe('string');
      const last = first[1]!;
      const next = await runQuery(listProjectsByStatus, { status: 'active', limit: 50, afterCreatedAt: last.createdAt, afterId: last.id }, tx);
      const all = await runQuery(listProjectsByStatus, { status: 'active', limit: 50 }, tx);
      expect([...first, ...next].map((p) => p.id)).toEqual(all.map((p) => p.id));
      expect(all.every((p) => p.status === 'active')).toBe(true);
    });
  });

  it('creates and updates with optimistic locking', async () => {
    await withTenant(pool, asAdmin, async (tx) => {
      const [created] = await runQuery(createProject, { name: 'Typed project', status: 'draft', description: 'from a test', complexityScore: 3 }, tx);
      expect(created!.version).toBe(1);
      const [moved] = await runQuery(updateProjectStatus, { id: created!.id, version: 1, status: 'active' }, tx);
      expect(moved!.version).toBe(2);
      const stale = await runQuery(updateProjectStatus, { id: created!.id, version: 1, status: 'on_hold' }, tx);
      expect(stale).toEqual([]);
      const found = await runQuery(searchProjects, { query: 'typed', limit: 5 }, tx);
      expect(found.map((p) => p.id)).toContain(created!.id);
    });
  });

  it('walks the requirement tree depth-first', async () => {
    const rows = await withTenant(pool, asAdmin, (tx) => runQuery(requirementTree, { projectId: id('project:1') }, tx));
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 2, 0, 1, 1]);
  });

  it('serves the task board, the dependency graph and rejects a cycle through the typed insert', async () => {
    await withTenant(pool, asAdmin, async (tx) => {
      const board = await runQuery(taskBoardForAssignee, { assigneeId: ada, statuses: ['todo', 'in_progress'], limit: 100 }, tx);
      expect(board.length).toBeGreaterThan(0);
      expect(board.every((t) => t.status === 'todo' || t.status === 'in_progress')).toBe(true);
      const graph = await runQuery(taskDependencyGraph, { projectId: id('project:1'), taskId: id('task:1:3') }, tx);
      expect(graph.filter((g) => g.direction === 'upstream').map((g) => [g.title, g.distance])).toHaveLength(2);
      expect(graph.some((g) => g.direction === 'downstream')).toBe(true);
    });
    await expect(
      withTenant(pool, asAdmin, (tx) => runQuery(addTaskDependency, { projectId: id('project:1'), taskId: id('task:1:1'), dependsOnTaskId: id('task:1:3') }, tx)),
    ).rejects.toMatchObject({ code: '23000' });
  });

  it('answers the inbox, approvals, documents, permissions and audit questions for the tenant only', async () => {
    await withTenant(pool, asAdmin, async (tx) => {
      const [unread] = await runQuery(unreadNotificationCount, { userId: ada }, tx);
      expect(unread!.unread).toBe('2'); // count(*) is bigint: a string, never a rounded number
      const pending = await runQuery(pendingApprovalsForUser, { userId: ada, limit: 50 }, tx);
      expect(pending.length).toBe(8); // 12 projects, every third approved
      const rfqs = await runQuery(documentsByKindWithOffers, { kind: 'rfq', limit: 10 }, tx);
      expect(rfqs).toHaveLength(3);
      expect((rfqs[0]!.offers as unknown[]).length).toBe(2);
      const chunks = await runQuery(documentChunks, { documentId: id('document:1:1') }, tx);
      expect(chunks.map((ch) => ch.chunkIndex)).toEqual([0, 1, 2, 3]);
      const [allowed] = await runQuery(checkPermission, { userId: ada, resource: 'role', action: 'delete' }, tx);
      expect(allowed!.allowed).toBe(true);
      const [viewerAllowed] = await runQuery(checkPermission, { userId: id('user:8'), resource: 'project', action: 'update' }, tx);
      expect(viewerAllowed!.allowed).toBe(false);
      const trail = await runQuery(auditTrail, { tableName: 'projects', recordId: id('project:1'), limit: 5 }, tx);
      expect(trail[0]!.operation).toBe('INSERT');
      const to = new Date(`${BASE_DATE}T00:00:00Z`);
      const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
      const events = await runQuery(eventsInRange, { from, to, limit: 1000 }, tx);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.occurredAt >= from && e.occurredAt < to)).toBe(true);
    });
    const otherTenant = await withTenant(pool, { tenantId: globex, role: 'app_viewer' }, (tx) => runQuery(documentChunks, { documentId: id('document:1:1') }, tx));
    expect(otherTenant).toEqual([]);
  });

  it('passes JSON, dates and arrays through as parameters (an analyst records an event)', async () => {
    const analyst = { tenantId: acme, userId: ada, role: 'app_analyst' as const };
    const [ev] = await withTenant(pool, analyst, (tx) =>
      runQuery(recordEvent, { eventType: 'page_view', eventName: 'board.opened', properties: { ms: 12, tags: ['a'] }, projectId: id('project:1') }, tx),
    );
    const row = (await pool.query(sql`SELECT properties, user_id::text AS u, organization_id::text AS o FROM events WHERE id = ${ev!.id}`))[0];
    expect(row).toEqual({ properties: { ms: 12, tags: ['a'] }, u: ada, o: acme });
  });

  it('finds a session by the digest of its token (auth service, no tenant)', async () => {
    const digest = createHash('sha256').update('session-token:1').digest();
    const [s] = await runQuery(sessionByTokenHash, { tokenHash: digest }, pool);
    expect(s).toMatchObject({ userId: ada, status: 'active' });
  });
});
