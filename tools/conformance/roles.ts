/**
 * Roles live outside any database, so cases that grant to or create policies
 * for a named role (migra's `schemainspect_test_role`, sqldef's managed roles,
 * pgschema's app roles) need them to exist on the server first. The harness
 * creates exactly the roles a case's SQL names, NOLOGIN, idempotently, and never
 * drops them: other cases running in parallel use the same names.
 */
import { execOnce } from '../../src/db/connect.js';
import { idempotentRole } from '../../src/core/roles.js';

const ensured = new Set<string>();

function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

export async function ensureRoles(adminUrl: string, names: Iterable<string>): Promise<string[]> {
  const created: string[] = [];
  for (const name of names) {
    if (ensured.has(name) || name === 'public' || name.startsWith('pg_')) continue;
    // Two workers may race to create the same role; the loser sees duplicate_object.
    await execOnce(adminUrl, idempotentRole(`CREATE ROLE ${quoteIdent(name)} NOLOGIN`));
    ensured.add(name);
    created.push(name);
  }
  return created;
}
