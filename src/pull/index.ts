/**
 * `strata pull`: a live database → desired-state files. The live database is read by
 * the state builder, the engine plans it from an empty database, and the plan's
 * statements are grouped into files by the objects they create (src/pull/layout.ts).
 * Building the files gives the database back: the round trip is tested.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withScratchDatabase, type ServerTarget } from '../cluster/index.js';
import { StrataError } from '../core/diagnostic.js';
import { idPart } from '../core/ids.js';
import { applyFilter, type ObjectFilter } from '../core/filter.js';
import type { Snapshot } from '../core/model/index.js';
import { queryOnce } from '../db/connect.js';
import { diffSnapshots, type MigrationPlan, type PlanStep } from '../engine/index.js';
import { buildSnapshot, snapshotDatabase } from '../state/index.js';
import * as pgQuery from 'libpg-query';
import { sqlBodyDependencies } from './bodies.js';
import { layoutFiles, type PulledFile } from './layout.js';

export type { PulledFile } from './layout.js';

export interface PullOptions {
  /** The live database. */
  url: string;
  /** Server for the scratch database a fresh state is read from. */
  server: ServerTarget;
  filter?: ObjectFilter;
}

export interface PullResult {
  files: PulledFile[];
  /** The live database's snapshot (filtered). */
  snapshot: Snapshot;
  /** The plan from a fresh database to the live one: up creates it, down takes it away again. */
  plan: MigrationPlan;
}

/** Read `url` and lay its schema out as files (nothing is written). */
export async function pullDatabase(opts: PullOptions): Promise<PullResult> {
  const [live, fresh, who] = await Promise.all([
    buildSnapshot({ kind: 'url', url: opts.url }, opts.server, { filter: opts.filter }),
    // What a fresh database already holds (schema public, plpgsql) is not written.
    withScratchDatabase(opts.server, { label: 'pull' }, (url) => snapshotDatabase(url)).then((s) => applyFilter(s, opts.filter)),
    queryOnce<{ user: string }>(opts.url, 'SELECT current_user AS user'),
  ]);
  const roles = await roleDefinitions(opts.url, live, who[0]!.user);
  const snapshot: Snapshot = { ...live, roles: Object.keys(roles).sort(), roleDefinitions: roles };
  const full = diffSnapshots(fresh, snapshot, { includeOwnership: true });
  // Objects owned by the role that reads the database would be owned by whoever builds the files anyway.
  // (idPart quotes a name the way quote_ident does, which is how the snapshot spells roles.)
  const ownerOf = ownerRoles(snapshot);
  const steps = full.steps.filter((s) => !(s.kind === 'owner' && ownerOf(s) === idPart(who[0]!.user)));
  const plan = { ...full, steps };
  await pgQuery.loadModule();
  return { files: layoutFiles(snapshot, steps, Object.values(roles), sqlBodyDependencies(snapshot)), snapshot, plan };
}

/**
 * Write `files` into `dir`. A folder that already holds `.sql` files is refused unless
 * `replace`, which removes them first (so no stale file stays behind).
 */
export async function writePulled(dir: string, files: readonly PulledFile[], opts: { replace?: boolean } = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  const existing = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  if (existing.length && !opts.replace) {
    throw new StrataError({
      code: 'pull.not-empty',
      severity: 'error',
      subject: dir,
      message: `${dir} already holds ${existing.length} .sql file(s)`,
      hint: 'pull into an empty folder (--out <dir>), or pass --force to replace its .sql files',
    });
  }
  for (const f of existing) await rm(path.join(dir, f));
  for (const f of files) await writeFile(path.join(dir, f.path), f.content);
}

function ownerRoles(s: Snapshot): (step: PlanStep) => string | undefined {
  const roles = new Map(s.objects.flatMap((o) => (o.kind === 'owner' ? [[o.id, o.role] as const] : [])));
  return (step) => roles.get(step.objectId);
}

/**
 * CREATE ROLE statements for the roles the schema names (grantees, policy roles, owners),
 * so the files build on a fresh server. Superusers, built-in roles and the reading role
 * are left out; passwords and memberships are not read.
 */
async function roleDefinitions(url: string, s: Snapshot, self: string): Promise<Record<string, string>> {
  const named = new Set<string>();
  for (const o of s.objects) {
    if (o.kind === 'privilege') named.add(o.grantee);
    else if (o.kind === 'default_privilege') named.add(o.role).add(o.grantee);
    else if (o.kind === 'policy') o.roles.forEach((r) => named.add(r));
    else if (o.kind === 'owner') named.add(o.role);
  }
  named.delete('PUBLIC');
  if (!named.size) return {};
  const rows = await queryOnce<Record<string, unknown>>(
    url,
    `SELECT rolname, quote_ident(rolname) AS q, rolcanlogin, rolinherit, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls
       FROM pg_roles
      WHERE quote_ident(rolname) = ANY($1) AND NOT rolsuper AND rolname !~ '^pg_' AND rolname <> $2
      ORDER BY rolname`,
    [[...named], self],
  );
  const out: Record<string, string> = {};
  for (const r of rows) {
    const attrs = [
      r.rolcanlogin ? 'LOGIN' : 'NOLOGIN',
      r.rolinherit ? null : 'NOINHERIT',
      r.rolcreatedb ? 'CREATEDB' : null,
      r.rolcreaterole ? 'CREATEROLE' : null,
      r.rolreplication ? 'REPLICATION' : null,
      r.rolbypassrls ? 'BYPASSRLS' : null,
    ].filter(Boolean);
    out[r.rolname as string] = `CREATE ROLE ${r.q as string} ${attrs.join(' ')}`;
  }
  return out;
}
