import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { ScratchDb } from '../helpers/server.js';
import { expectRejected } from '../../src/testing/index.js';
import { asRole, client, schemaDb, sid } from './fixture.js';

let db: ScratchDb;
let c: pg.Client;
let tenantTables: string[];
let acme: string;
let globex: string;

beforeAll(async () => {
  db = await schemaDb({ seed: true });
  c = await client(db.url);
  tenantTables = (
    await c.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id'
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'audit_log'
        ORDER BY 1`,
    )
  ).rows.map((r) => r.t);
  acme = await sid(c, 'org', 1);
  globex = await sid(c, 'org', 2);
});

afterAll(async () => {
  await c?.end();
  await db?.drop();
});

describe('row-level security', () => {
  it('finds the tenant tables generically (guards against an empty list)', () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(20);
    expect(tenantTables).toContain('tasks');
    expect(tenantTables).toContain('events');
  });

  it('is enabled and forced on every tenant table, with a policy for each application role', async () => {
    const { rows } = await c.query<{ t: string; rls: boolean; forced: boolean; roles: string[] }>(
      `SELECT c.relname AS t, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              coalesce((SELECT array_agg(DISTINCT r.rolname::text ORDER BY r.rolname::text)
                          FROM pg_policy p, unnest(p.polroles) AS pr(oid) JOIN pg_roles r ON r.oid = pr.oid
                         WHERE p.polrelid = c.oid), '{}') AS roles
         FROM pg_class c WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const r of rows) {
      expect({ t: r.t, rls: r.rls, forced: r.forced }).toEqual({ t: r.t, rls: true, forced: true });
      expect(r.roles, r.t).toEqual(expect.arrayContaining(['app_admin', 'app_analyst', 'app_viewer']));
    }
  });

  for (const role of ['app_admin', 'app_analyst', 'app_viewer'] as const) {
    it(`shows ${role} only the current tenant's rows in every tenant table`, async () => {
      await asRole(c, role, { tenant: acme }, async () => {
        let seen = 0;
        for (const t of tenantTables) {
          const { rows } = await c.query<{ mine: string; other: string }>(
            `SELECT count(*) FILTER (WHERE organization_id = $1) AS mine, count(*) FILTER (WHERE organization_id <> $1) AS other FROM ${t}`,
            [acme],
          );
          expect(Number(rows[0]!.other), `${t} leaks other tenants to ${role}`).toBe(0);
          seen += Number(rows[0]!.mine) > 0 ? 1 : 0;
        }
        // The seed fills (almost) every tenant table, so isolation was tested on real rows.
        expect(seen).toBeGreaterThanOrEqual(tenantTables.length - 1);
      });
    });
  }

  for (const [label, tenant] of [
    ['no tenant set', null],
    ['an empty tenant setting', ''],
    ['a malformed tenant setting', 'not-a-uuid'],
  ] as const) {
    it(`fails closed with ${label}: zero rows everywhere, no cast error`, async () => {
      await asRole(c, 'app_admin', { tenant }, async () => {
        for (const t of [...tenantTables, 'organizations', 'users', 'audit_log']) {
          const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`);
          expect(Number(rows[0]!.n), t).toBe(0);
        }
      });
    });
  }

  it('rejects writing a row into another tenant', async () => {
    const user = await sid(c, 'user', 1);
    const err = await asRole(c, 'app_analyst', { tenant: acme, user }, () =>
      expectRejected(c, `INSERT INTO projects (organization_id, created_by, name) VALUES ($1, $2, 'x')`, { sqlstate: '42501', params: [globex, user] }),
    );
    expect(err.message).toMatch(/row-level security/);
  });

  it('gives viewers read-only access and analysts no delete', async () => {
    const project = await sid(c, 'project', 1);
    await asRole(c, 'app_viewer', { tenant: acme }, () =>
      expectRejected(c, `UPDATE projects SET name = 'renamed' WHERE id = $1`, { sqlstate: '42501', params: [project] }),
    );
    await asRole(c, 'app_analyst', { tenant: acme }, () => expectRejected(c, `DELETE FROM comments`, { sqlstate: '42501' }));
    const admin = await asRole(c, 'app_admin', { tenant: acme }, () => c.query(`DELETE FROM feedback`));
    expect(admin.rowCount).toBeGreaterThan(0);
  });

  it('lets app_system bypass RLS for system jobs', async () => {
    const n = await asRole(c, 'app_system', {}, () => c.query<{ n: string }>(`SELECT count(DISTINCT organization_id) AS n FROM projects`));
    expect(Number(n.rows[0]!.n)).toBe(3);
  });

  it('shows users only when they are members of the current tenant', async () => {
    const { rows } = await asRole(c, 'app_viewer', { tenant: acme }, () =>
      c.query<{ n: string }>(`SELECT count(*) AS n FROM users`),
    );
    // 8 members of acme plus globex's second user, who also joined acme.
    expect(Number(rows[0]!.n)).toBe(9);
  });
});
