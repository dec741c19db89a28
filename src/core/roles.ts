/**
 * Roles live outside any database, so strata never diffs or drops them. The
 * convention: a `CREATE ROLE`/`CREATE USER`/`CREATE GROUP` statement, in a schema
 * file or a migration, runs idempotently — skipped when the role already exists.
 * A migration whose objects need roles the previous state did not create starts
 * with their CREATE ROLE statements, so it applies on a fresh server too.
 */

/** Parse node types that create a role. */
export const ROLE_NODES: ReadonlySet<string> = new Set(['CreateRoleStmt']);

/** The role a CREATE ROLE/USER/GROUP statement names (case-folded unless quoted). */
export function roleName(stmt: string): string | undefined {
  const m = /^\s*create\s+(?:role|user|group)\s+("(?:[^"]|"")+"|[^\s;]+)/i.exec(stmt);
  if (!m) return undefined;
  const raw = m[1]!;
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
}

function literal(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

const GUARD_TAG = '$strata_role$';

/**
 * The CREATE ROLE statement inside a guard `idempotentRole` wrote, or undefined for
 * any other text: replaying a migration recognises the roles it creates.
 */
export function guardedRole(stmt: string): string | undefined {
  const m = /^DO \$strata_role\$ BEGIN IF NOT EXISTS \(SELECT FROM pg_roles WHERE rolname = '(?:[^']|'')*'\) THEN EXECUTE '((?:[^']|'')*)'; END IF;(?: EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;)? END \$strata_role\$$/.exec(stmt.trim());
  return m ? m[1]!.replace(/''/g, "'") : undefined;
}

/**
 * Wrap CREATE ROLE so it is a no-op when the role exists, also when another
 * session creates it at the same moment (two shadow builds, parallel workers).
 */
export function idempotentRole(stmt: string): string {
  const name = roleName(stmt);
  if (name === undefined) return stmt;
  return `DO ${GUARD_TAG} BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(name)}) THEN EXECUTE ${literal(stmt)}; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END ${GUARD_TAG}`;
}
