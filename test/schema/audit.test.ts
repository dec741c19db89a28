import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { ScratchDb } from '../helpers/server.js';
import { asRole, client, rejection, schemaDb, sid } from './fixture.js';

let db: ScratchDb;
let c: pg.Client;

beforeAll(async () => {
  db = await schemaDb({ seed: true });
  c = await client(db.url);
});

afterAll(async () => {
  await c?.end();
  await db?.drop();
});

describe('audit trigger', () => {
  it('is attached to every tenant table except the documented exclusions', async () => {
    const { rows } = await c.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id')
          AND NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND tg.tgfoid = 'audit_row_change'::regproc)
        ORDER BY 1`,
    );
    expect(rows.map((r) => r.t)).toEqual(['audit_log', 'chunk_meta', 'events', 'notifications']);
  });

  it('records actor, operation, old and new row, changed fields and transaction id', async () => {
    const [acme, user, project] = [await sid(c, 'org', 1), await sid(c, 'user', 1), await sid(c, 'project', 1)];
    const { entry, xid } = await asRole(c, 'app_admin', { tenant: acme, user }, async () => {
      await c.query(`UPDATE projects SET name = 'Audited name', status = 'on_hold' WHERE id = $1`, [project]);
      const xid = (await c.query<{ x: string }>(`SELECT pg_current_xact_id()::text AS x`)).rows[0]!.x;
      // app_admin reads its own tenant's trail.
      const entry = (
        await c.query(
          `SELECT operation, actor_id, db_role, changed_fields, old_row->>'name' AS old_name, new_row->>'name' AS new_name,
                  transaction_id::text, organization_id FROM audit_log WHERE table_name = 'projects' AND record_id = $1 ORDER BY id DESC LIMIT 1`,
          [project],
        )
      ).rows[0];
      return { entry, xid };
    });
    expect(entry).toMatchObject({
      operation: 'UPDATE',
      actor_id: user,
      db_role: 'app_admin',
      changed_fields: ['name', 'status'],
      new_name: 'Audited name',
      transaction_id: xid,
      organization_id: acme,
    });
    expect(entry.old_name).not.toBe('Audited name');
  });

  it('records inserts and deletes with composite keys', async () => {
    const [acme, user, project, t3, t1] = [await sid(c, 'org', 1), await sid(c, 'user', 1), await sid(c, 'project', 1), await sid(c, 'task', 1, 3), await sid(c, 'task', 1, 1)];
    const ops = await asRole(c, 'app_admin', { tenant: acme, user }, async () => {
      await c.query(`INSERT INTO task_dependencies (organization_id, project_id, task_id, depends_on_task_id) VALUES ($1, $2, $3, $4)`, [acme, project, t3, t1]);
      await c.query(`DELETE FROM task_dependencies WHERE task_id = $1 AND depends_on_task_id = $2`, [t3, t1]);
      return (await c.query<{ operation: string }>(`SELECT operation FROM audit_log WHERE table_name = 'task_dependencies' AND record_id = $1 ORDER BY id`, [`${t3}/${t1}`])).rows;
    });
    expect(ops.map((o) => o.operation)).toEqual(['INSERT', 'DELETE']);
  });

  it('files changes of the organization itself under that tenant, so its admins see them', async () => {
    const [acme, user] = [await sid(c, 'org', 1), await sid(c, 'user', 1)];
    const seen = await asRole(c, 'app_admin', { tenant: acme, user }, async () => {
      await c.query(`UPDATE organizations SET description = 'Renamed in a test' WHERE id = $1`, [acme]);
      return (await c.query<{ f: string[] }>(`SELECT changed_fields AS f FROM audit_log WHERE table_name = 'organizations' AND record_id = $1 ORDER BY id DESC LIMIT 1`, [acme])).rows;
    });
    expect(seen).toEqual([{ f: ['description'] }]);
  });

  it('skips updates that change nothing but maintenance columns', async () => {
    const project = await sid(c, 'project', 2);
    await c.query('BEGIN');
    try {
      const before = (await c.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE record_id = $1`, [project])).rows[0]!.n;
      await c.query(`UPDATE projects SET name = name WHERE id = $1`, [project]);
      const after = (await c.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE record_id = $1`, [project])).rows[0]!.n;
      expect(after).toBe(before);
    } finally {
      await c.query('ROLLBACK');
    }
  });
});

describe('audit log is append-only', () => {
  for (const role of ['app_admin', 'app_analyst', 'app_viewer', 'app_system'] as const) {
    it(`${role} can neither change, delete, truncate nor insert audit rows`, async () => {
      const acme = await sid(c, 'org', 1);
      for (const stmt of [
        `UPDATE audit_log SET actor_id = NULL`,
        `DELETE FROM audit_log`,
        `TRUNCATE audit_log`,
        `INSERT INTO audit_log (table_name, record_id, operation, new_row) VALUES ('x', '1', 'INSERT', '{}')`,
      ]) {
        const err = await asRole(c, role, { tenant: acme }, () => rejection(c.query(stmt)));
        expect(err.code, `${role}: ${stmt}`).toBe('42501');
      }
    });
  }

  it('refuses UPDATE and DELETE even to the owner and superusers, outside a GDPR redaction', async () => {
    for (const stmt of [`UPDATE audit_log SET actor_id = NULL`, `DELETE FROM audit_log`]) {
      await c.query('BEGIN');
      const err = await rejection(c.query(stmt));
      await c.query('ROLLBACK');
      expect(err.message).toMatch(/append-only/);
    }
  });

  it('hides the trail from analysts and viewers', async () => {
    const acme = await sid(c, 'org', 1);
    const err = await asRole(c, 'app_analyst', { tenant: acme }, () => rejection(c.query(`SELECT 1 FROM audit_log LIMIT 1`)));
    expect(err.code).toBe('42501');
  });
});
