/**
 * PgBouncer's auth_file for a project: the LOGIN roles that are members of the
 * application roles (`tenancy.roles`), with their SCRAM secrets as the server
 * stores them. Read from pg_authid (superuser only), so no secret is ever kept in
 * the repository; PgBouncer then verifies clients itself and logs in to the server
 * with the same SCRAM keys.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { queryOnce } from '../db/connect.js';

export interface UserlistEntry {
  role: string;
  secret: string;
}

/** `"role" "SCRAM-SHA-256$..."` lines; a double quote inside a field is doubled, as PgBouncer reads it. */
export function renderUserlist(entries: UserlistEntry[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return entries.map((e) => `${q(e.role)} ${q(e.secret)}\n`).join('');
}

/**
 * Login roles that can `SET ROLE` to one of `roles`, with usable SCRAM secrets. Superusers
 * are left out (they are members of everything and must not come through the pool); a
 * member without a SCRAM password is reported and skipped, since PgBouncer could not check it.
 */
export async function readUserlist(adminUrl: string, roles: readonly string[]): Promise<{ entries: UserlistEntry[]; diagnostics: Diagnostic[] }> {
  const rows = await queryOnce<{ rolname: string; rolpassword: string | null }>(
    adminUrl,
    `SELECT a.rolname, a.rolpassword
       FROM pg_authid a
      WHERE a.rolcanlogin AND NOT a.rolsuper
        AND EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = ANY ($1::text[]) AND pg_has_role(a.oid, g.oid, 'MEMBER'))
      ORDER BY a.rolname`,
    [roles],
  );
  const entries: UserlistEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of rows) {
    if (r.rolpassword?.startsWith('SCRAM-SHA-256$')) entries.push({ role: r.rolname, secret: r.rolpassword });
    else {
      diagnostics.push({
        code: 'pool.no-scram-secret',
        severity: 'warning',
        subject: r.rolname,
        message: `login role ${r.rolname} is a member of an application role but has ${r.rolpassword ? 'a non-SCRAM' : 'no'} password: left out of the userlist`,
        hint: `SET password_encryption = 'scram-sha-256'; ALTER ROLE ${r.rolname} PASSWORD '...'`,
      });
    }
  }
  return { entries, diagnostics };
}
