/**
 * Row-level security matrix: every table with RLS or the tenant column × every
 * tenancy role that holds a privilege on it × SELECT/INSERT/UPDATE/DELETE ×
 * {own tenant, other tenant, no tenant context}.
 *
 * The target row is a seeded row of tenant A; "other" is the context of another
 * seeded tenant B. Tables the seed leaves empty get two synthesised rows first
 * (./synthesise.ts), the second referencing each parent's second row, so a project
 * without a seed has both tenants. A leak is: a row of another tenant visible, a row visible with
 * no context, or a write to A's row that succeeds (or touches a row) from B or
 * without context. A command the role holds no privilege for must be refused
 * (42501) in every context. Own-tenant SELECT must see the tenant's own row, so
 * a matrix of zeros can never pass on tables whose policies hide everything.
 * An own-tenant write must reach the tenant's own row when a permissive policy for
 * the command (and, for UPDATE/DELETE, one for SELECT) admits the role on the tenant
 * column alone and no restrictive policy applies; otherwise it is recorded (allowed
 * or refused) and must only honour the privilege. Structural rules: a table with the tenant column must have RLS
 * enabled and forced, and every policy on it that applies to a tenancy role must
 * read the tenant column.
 */
import type pg from 'pg';
import type { TenancyConfig } from '../../config/index.js';
import { makeId } from '../../core/ids.js';
import { isPgError } from '../../db/errors.js';
import { setContext } from '../context.js';
import type { CaseResult } from '../report.js';
import { hasPrivilege, insertable, type TableInfo } from '../tables.js';
import { synthesiseRows } from './synthesise.js';

const COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
type Command = (typeof COMMANDS)[number];
type Ctx = 'own tenant' | 'other tenant' | 'no context';

export interface RlsFacts {
  tables: number;
  cells: number;
  leaks: number;
  /** Own-tenant writes a tenant-only policy admits, so they had to reach the row. */
  ownWrites: number;
}

interface Target {
  row: Record<string, unknown>;
  ctid: string;
  tableoid: string;
  tenant: string;
}

export async function rlsSuite(
  c: pg.Client,
  tables: TableInfo[],
  tenancy: TenancyConfig,
  opts: { enums?: Map<string, string[]> } = {},
): Promise<{ cases: CaseResult[]; facts: RlsFacts }> {
  // Two rows for each table the seed leaves empty, so the matrix has an own and an other tenant without a seed.
  const synthesised = await synthesiseRows(c, tables, opts.enums ?? new Map(), 2);
  try {
    return await matrix(c, tables, tenancy, synthesised.reasons);
  } finally {
    await synthesised.drop();
  }
}

async function matrix(c: pg.Client, tables: TableInfo[], tenancy: TenancyConfig, noRow: Map<string, string>): Promise<{ cases: CaseResult[]; facts: RlsFacts }> {
  const cases: CaseResult[] = [];
  const facts: RlsFacts = { tables: 0, cells: 0, leaks: 0, ownWrites: 0 };
  const col = tenancy.column;
  const scoped = tables.filter((t) => t.rowSecurity?.enabled || t.columns.some((x) => x.name === col));
  const tenants = await seededTenants(c, scoped, col);
  for (const t of scoped) {
    facts.tables++;
    const hasTenant = t.columns.some((x) => x.name === col);
    cases.push(...structural(t, tenancy, hasTenant));
    const roles = tenancy.roles.filter((r) => COMMANDS.some((cmd) => hasPrivilege(t, r, cmd)));
    const target = await targetRow(c, t, hasTenant ? col : undefined);
    const other = target && hasTenant ? tenants.find((x) => x !== target.tenant) : undefined;
    for (const role of roles) {
      for (const cmd of COMMANDS) {
        for (const ctx of ['own tenant', 'other tenant', 'no context'] as Ctx[]) {
          const name = `${t.qname} ${role} ${cmd} ${ctx}`;
          if (ctx !== 'no context' && !hasTenant) {
            cases.push({ suite: 'rls', name, status: 'not generated', reason: `${t.qname} has no ${col} column: which tenant a row belongs to is not in the catalog` });
            continue;
          }
          if (ctx !== 'no context' && !target) {
            cases.push({ suite: 'rls', name, status: 'not generated', reason: `no row of ${t.qname} seeded or synthesised: ${noRow.get(t.qname) ?? `none has ${col} set`}` });
            continue;
          }
          if (ctx === 'other tenant' && !other) {
            cases.push({ suite: 'rls', name, status: 'not generated', reason: 'the seed holds only one tenant' });
            continue;
          }
          const tenant = ctx === 'own tenant' ? target!.tenant : ctx === 'other tenant' ? other! : null;
          const admittedBy = ctx === 'own tenant' && cmd !== 'SELECT' ? admittingPolicy(t, tenancy, role, cmd) : undefined;
          if (admittedBy && hasPrivilege(t, role, cmd)) facts.ownWrites++;
          const r = await cell(c, t, tenancy, role, cmd, ctx, tenant, target, admittedBy);
          facts.cells++;
          if (r.leak) facts.leaks++;
          cases.push({ suite: 'rls', name, status: r.ok ? 'passed' : 'failed', reason: r.reason, statement: r.statement });
        }
      }
    }
  }
  return { cases, facts };
}

function structural(t: TableInfo, tenancy: TenancyConfig, hasTenant: boolean): CaseResult[] {
  if (!hasTenant) return [];
  const out: CaseResult[] = [];
  const rs = t.rowSecurity;
  const ok = !!rs?.enabled && !!rs.forced;
  out.push({
    suite: 'rls',
    name: `${t.qname} has row-level security enabled and forced`,
    status: ok ? 'passed' : 'failed',
    reason: ok ? undefined : `${t.qname} has the tenant column ${tenancy.column} but row-level security is ${rs?.enabled ? 'enabled, not forced' : 'off'}`,
  });
  const tenantColumn = makeId('column', t.table.schema, t.table.name, tenancy.column);
  for (const p of t.policies) {
    const applies = p.roles.includes('PUBLIC') || p.roles.some((r) => tenancy.roles.includes(unquote(r)));
    if (!applies) continue;
    // pg_depend records the columns a policy's expressions read; the Snapshot carries them in dependsOn.
    const reads = p.dependsOn.includes(tenantColumn);
    out.push({
      suite: 'rls',
      name: `${t.qname} policy ${p.name} reads the tenant column`,
      status: reads ? 'passed' : 'failed',
      reason: reads ? undefined : `policy ${p.name} (${p.command}, ${p.roles.join(', ')}) never mentions ${tenancy.column}: USING ${p.using ?? '-'} CHECK ${p.check ?? '-'}`,
    });
  }
  return out;
}

/**
 * The permissive policy that admits `role` to `cmd` on the tenant column alone (its expressions read no
 * other column of the table), when no restrictive policy applies and, for UPDATE/DELETE, such a SELECT
 * policy exists too (their WHERE reads the row); undefined when the outcome depends on more than the tenant.
 */
function admittingPolicy(t: TableInfo, tenancy: TenancyConfig, role: string, cmd: Command): string | undefined {
  const tenantColumn = makeId('column', t.table.schema, t.table.name, tenancy.column);
  const columns = new Set(t.columns.map((x) => makeId('column', t.table.schema, t.table.name, x.name)));
  const applies = (p: TableInfo['policies'][number], c: Command) =>
    (p.command === c || p.command === 'ALL') && (p.roles.includes('PUBLIC') || p.roles.some((r) => unquote(r) === role));
  if (t.policies.some((p) => !p.permissive && (applies(p, cmd) || applies(p, 'SELECT')))) return undefined;
  const tenantOnly = (c: Command) =>
    t.policies.find((p) => p.permissive && applies(p, c) && p.dependsOn.filter((d) => columns.has(d)).join() === tenantColumn);
  const p = tenantOnly(cmd);
  if (!p || ((cmd === 'UPDATE' || cmd === 'DELETE') && !tenantOnly('SELECT'))) return undefined;
  return p.name;
}

/** Quoted role name → name (the Snapshot's policy roles are quote_ident output). */
function unquote(s: string): string {
  return s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}

async function seededTenants(c: pg.Client, tables: TableInfo[], col: string): Promise<string[]> {
  const seen = new Set<string>();
  for (const t of tables) {
    const q = t.columns.find((x) => x.name === col)?.qname;
    if (!q) continue;
    const r = await c.query<{ v: string }>(`SELECT DISTINCT ${q}::text AS v FROM ${t.qname} WHERE ${q} IS NOT NULL LIMIT 3`);
    for (const x of r.rows) seen.add(x.v);
    if (seen.size >= 3) break;
  }
  return [...seen].sort();
}

async function targetRow(c: pg.Client, t: TableInfo, col: string | undefined): Promise<Target | undefined> {
  const q = col ? t.columns.find((x) => x.name === col)!.qname : undefined;
  const r = await c.query<Target>(
    `SELECT to_jsonb(strata_row.*) AS row, strata_row.ctid::text AS ctid, strata_row.tableoid::oid::text AS tableoid, ${q ? `${q}::text` : 'NULL'} AS tenant FROM ${t.qname} strata_row ${q ? `WHERE ${q} IS NOT NULL` : ''} ORDER BY strata_row.ctid LIMIT 1`,
  );
  return r.rows[0];
}

/** `WHERE` naming the target row by its primary key (the roles cannot read ctid without knowing it is theirs). */
function whereRow(c: pg.Client, t: TableInfo, target: Target): string {
  const pk = t.constraints.find((k) => k.contype === 'p')?.columns ?? insertable(t).map((x) => x.name);
  const cols = pk.map((n) => t.columns.find((x) => x.name === n)!.qname);
  return `(${cols.join(', ')}) = (SELECT ${cols.map((q) => `r.${q}`).join(', ')} FROM jsonb_populate_record(NULL::${t.qname}, ${c.escapeLiteral(JSON.stringify(target.row))}) r)`;
}

interface CellResult {
  ok: boolean;
  leak: boolean;
  reason?: string;
  statement: string;
}

async function cell(
  c: pg.Client,
  t: TableInfo,
  tenancy: TenancyConfig,
  role: string,
  cmd: Command,
  ctx: Ctx,
  tenant: string | null,
  target: Target | undefined,
  admittedBy?: string,
): Promise<CellResult> {
  const tq = t.columns.find((x) => x.name === tenancy.column)?.qname;
  const cols = insertable(t).map((x) => x.qname);
  const setCol = insertable(t).find((x) => !(t.constraints.find((k) => k.contype === 'p')?.columns ?? []).includes(x.name)) ?? insertable(t)[0]!;
  let statement: string;
  switch (cmd) {
    case 'SELECT':
      statement = tq && tenant ? `SELECT count(*) FILTER (WHERE ${tq}::text = ${c.escapeLiteral(tenant)}) AS own, count(*) FILTER (WHERE ${tq}::text IS DISTINCT FROM ${c.escapeLiteral(tenant)}) AS other FROM ${t.qname}` : `SELECT 0 AS own, count(*) AS other FROM ${t.qname}`;
      break;
    case 'INSERT':
      statement = target
        ? `INSERT INTO ${t.qname} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_populate_record(NULL::${t.qname}, ${c.escapeLiteral(JSON.stringify(target.row))})`
        : `INSERT INTO ${t.qname} DEFAULT VALUES`;
      break;
    case 'UPDATE':
      statement = `UPDATE ${t.qname} SET ${setCol.qname} = ${setCol.qname}${target ? ` WHERE ${whereRow(c, t, target)}` : ''}`;
      break;
    case 'DELETE':
      statement = `DELETE FROM ${t.qname}${target ? ` WHERE ${whereRow(c, t, target)}` : ''}`;
      break;
  }
  const privileged = hasPrivilege(t, role, cmd);
  let err: unknown;
  let res: pg.QueryResult<{ own: string; other: string }> | undefined;
  await c.query('BEGIN');
  try {
    if (cmd === 'INSERT' && target) {
      // The target row is taken out first, so only RLS and privileges can refuse its re-insertion.
      await c.query('SET LOCAL session_replication_role = replica');
      await c.query(`DELETE FROM ${t.qname} WHERE tableoid = $1::oid AND ctid = $2::tid`, [target.tableoid, target.ctid]);
      await c.query('SET LOCAL session_replication_role = origin');
    }
    await setContext(c, role, { tenant }, tenancy.settings);
    try {
      res = await c.query(statement);
    } catch (e) {
      err = e;
    }
  } finally {
    await c.query('ROLLBACK');
  }
  if (err && !isPgError(err)) throw err;
  const e = err as { code: string; message: string } | undefined;
  if (!privileged) {
    if (e?.code === '42501') return { ok: true, leak: false, statement };
    return { ok: false, leak: !e, reason: e ? `expected 42501 (no ${cmd} privilege), got ${e.code}: ${e.message}` : `${role} holds no ${cmd} privilege on ${t.qname}, yet the statement succeeded`, statement };
  }
  if (cmd === 'SELECT') {
    if (e) return { ok: false, leak: false, reason: `SELECT failed: ${e.code}: ${e.message}`, statement };
    const own = Number(res!.rows[0]!.own);
    const other = Number(res!.rows[0]!.other);
    if (other > 0) return { ok: false, leak: true, reason: `${other} row(s) of another tenant visible to ${role} (${ctx})`, statement };
    if (ctx === 'own tenant' && own === 0) return { ok: false, leak: false, reason: `${role} sees none of its own tenant's rows: the policy hides everything, so isolation is untested`, statement };
    return { ok: true, leak: false, statement };
  }
  if (ctx === 'own tenant') {
    // Refused by a trigger or a constraint is the table's business; hidden or rejected by RLS contradicts the policy.
    const byRls = e?.code === '42501' && /row-level security/.test(e.message);
    if (admittedBy && target && (byRls || (!e && cmd !== 'INSERT' && (res?.rowCount ?? 0) === 0))) {
      return { ok: false, leak: false, reason: `${cmd} of the tenant's own row ${byRls ? `refused by row-level security (${e!.message})` : 'touched 0 rows'} as ${role}, although policy ${admittedBy} admits it on ${tenancy.column} alone`, statement };
    }
    return { ok: true, leak: false, statement };
  }
  if (!e && (cmd === 'INSERT' || (res?.rowCount ?? 0) > 0)) {
    return { ok: false, leak: true, reason: `${cmd} of another tenant's row succeeded as ${role} (${ctx})${cmd === 'INSERT' ? '' : `: ${res?.rowCount} row(s)`}`, statement };
  }
  return { ok: true, leak: false, statement };
}
