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

const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await c.query(sql, params)).rows[0] as T;

describe('erase_user', () => {
  it('is a system job: tenant roles may not call it', async () => {
    const [acme, user] = [await sid(c, 'org', 1), await sid(c, 'user', 3)];
    const err = await asRole(c, 'app_admin', { tenant: acme }, () => rejection(c.query(`SELECT erase_user($1)`, [user])));
    expect(err.code).toBe('42501');
  });

  it('anonymises the person everywhere and keeps every reference valid', async () => {
    // User 10 is globex's second user: member of globex and of acme, author of comments, assignee of tasks.
    const user = await sid(c, 'user', 10);
    const before = await one<{ tasks: string; comments: string; events: string; memberships: string; audit: string }>(
      `SELECT (SELECT count(*) FROM tasks WHERE created_by = $1 OR assignee_id = $1) AS tasks,
              (SELECT count(*) FROM comments WHERE author_id = $1) AS comments,
              (SELECT count(*) FROM events WHERE user_id = $1) AS events,
              (SELECT count(*) FROM organization_members WHERE user_id = $1) AS memberships,
              (SELECT count(*) FROM audit_log WHERE table_name = 'users' AND record_id = $1::text) AS audit`,
      [user],
    );
    expect(Number(before.comments)).toBeGreaterThan(0);
    expect(Number(before.events)).toBeGreaterThan(0);
    expect(Number(before.memberships)).toBe(2);
    expect(Number(before.audit)).toBeGreaterThan(0);

    await c.query('BEGIN');
    await c.query(`SELECT set_config('role', 'app_system', true)`);
    await c.query(`SELECT erase_user($1)`, [user]);
    await c.query('COMMIT');

    const u = await one<{ email: string; display_name: string; password_hash: string | null; status: string }>(
      `SELECT email, display_name, password_hash, status FROM users WHERE id = $1`,
      [user],
    );
    expect(u).toEqual({ email: `erased+${user}@invalid.example`, display_name: 'Erased user', password_hash: null, status: 'erased' });

    const after = await one<Record<string, string>>(
      `SELECT (SELECT count(*) FROM sessions WHERE user_id = $1) AS sessions,
              (SELECT count(*) FROM notifications WHERE user_id = $1) AS notifications,
              (SELECT count(*) FROM events WHERE user_id = $1) AS events,
              (SELECT count(*) FROM comments WHERE author_id = $1 AND body NOT LIKE '[removed%') AS readable_comments,
              (SELECT count(*) FROM comments WHERE author_id = $1) AS comments,
              (SELECT count(*) FROM organization_members WHERE user_id = $1 AND left_at IS NOT NULL) AS ended_memberships,
              (SELECT count(*) FROM audit_log WHERE table_name = 'users' AND record_id = $1::text
                 AND (new_row ? 'email' OR old_row ? 'email' OR new_row ? 'display_name')) AS audit_with_pii,
              (SELECT count(*) FROM audit_log WHERE table_name = 'users' AND record_id = $1::text) AS audit_rows`,
      [user],
    );
    expect(after).toMatchObject({
      sessions: '0',
      notifications: '0',
      events: '0',
      readable_comments: '0',
      comments: before.comments,
      ended_memberships: '2',
      audit_with_pii: '0',
    });
    // The audit trail keeps its entries (only values were redacted), plus the erasure itself.
    expect(Number(after.audit_rows)).toBeGreaterThan(Number(before.audit));

    // Every foreign key still holds: re-validate all of them.
    const fks = await c.query<{ tbl: string; conname: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'events_%'`,
    );
    for (const fk of fks.rows) {
      await c.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.conname}, ADD CONSTRAINT ${fk.conname} ${(await one<{ d: string }>(`SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conname = $1 AND conrelid = $2::regclass`, [fk.conname, fk.tbl])).d}`);
    }
    expect(fks.rows.length).toBeGreaterThan(50);
  });

  it('removes the encrypted values too (phone, TOTP secrets), without needing a key', async () => {
    // User 9 (globex) has a seeded phone number and an authenticator app.
    const user = await sid(c, 'user', 9);
    const before = await one<{ phone: boolean; factors: number }>(
      `SELECT (SELECT phone IS NOT NULL FROM users WHERE id = $1) AS phone, (SELECT count(*)::int FROM mfa_factors WHERE user_id = $1) AS factors`,
      [user],
    );
    expect(before).toEqual({ phone: true, factors: 1 });
    await c.query('BEGIN');
    await c.query(`SELECT set_config('role', 'app_system', true)`);
    await c.query(`SELECT erase_user($1)`, [user]);
    await c.query('COMMIT');
    // Every encrypted column (found in the catalog) holds nothing of the person any more.
    const cols = await c.query<{ tbl: string; col: string; owner: string }>(
      `SELECT c.relname AS tbl, a.attname AS col, CASE WHEN c.relname = 'users' THEN 'id' ELSE 'user_id' END AS owner
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT a.attisdropped AND a.atttypid = 'encrypted_text'::regtype`,
    );
    expect(cols.rows.length).toBeGreaterThan(1);
    for (const { tbl, col, owner } of cols.rows) {
      const left = await one<{ n: number }>(`SELECT count(${col})::int AS n FROM ${tbl} WHERE ${owner} = $1`, [user]);
      expect(left.n, `${tbl}.${col}`).toBe(0);
    }
    const audit = await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'users' AND record_id = $1::text AND (old_row ? 'phone' OR new_row ? 'phone')`, [user]);
    expect(audit.n).toBe(0);
  });

  it('refuses an unknown user', async () => {
    const err = await asRole(c, 'app_system', {}, () => rejection(c.query(`SELECT erase_user(gen_random_uuid())`)));
    expect(err.code).toBe('P0002');
  });
});
