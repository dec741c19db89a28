import type { PolicyObject, RowSecurityObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

/** ENABLE/FORCE run after the table's policies exist (higher order than policies), DISABLE before they go. */
export const rowSecurityRules: KindRules<RowSecurityObject> = {
  kind: 'row_security',
  order: 12.5,
  create: (o) => switches(o.table, { enabled: false, forced: false }, o),
  drop: (o) => switches(o.table, o, { enabled: false, forced: false }),
  alter: (a, b) => switches(b.table, a, b),
};

function switches(table: string, a: { enabled: boolean; forced: boolean }, b: { enabled: boolean; forced: boolean }): Statement[] {
  const out: Statement[] = [];
  if (a.enabled !== b.enabled) out.push({ sql: `ALTER TABLE ${table} ${b.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY` });
  if (a.forced !== b.forced) out.push({ sql: `ALTER TABLE ${table} ${b.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY` });
  return out;
}

const roleList = (p: PolicyObject) => (p.roles.length ? p.roles.join(', ') : 'PUBLIC');

export const policyRules: KindRules<PolicyObject> = {
  kind: 'policy',
  order: 12,
  // A policy stores parsed references to columns: a column type change under it drops and recreates it.
  recreateOnDependencyChange: true,
  create: (p) => {
    let sql = `CREATE POLICY ${p.qname} ON ${p.table} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${roleList(p)}`;
    if (p.using !== null) sql += ` USING (${p.using})`;
    if (p.check !== null) sql += ` WITH CHECK (${p.check})`;
    return [{ sql }, ...createComment(`POLICY ${p.qname} ON ${p.table}`, p.comment)];
  },
  drop: (p) => [{ sql: `DROP POLICY ${p.qname} ON ${p.table}` }],
  alter(a, b) {
    // ALTER POLICY can change roles, USING and WITH CHECK, and cannot take a clause away.
    if (a.permissive !== b.permissive || a.command !== b.command || a.table !== b.table) return null;
    if ((a.using !== null && b.using === null) || (a.check !== null && b.check === null)) return null;
    const parts: string[] = [];
    if (a.roles.join(',') !== b.roles.join(',')) parts.push(`TO ${roleList(b)}`);
    if (a.using !== b.using) parts.push(`USING (${b.using})`);
    if (a.check !== b.check) parts.push(`WITH CHECK (${b.check})`);
    const out: Statement[] = [];
    if (parts.length) out.push({ sql: `ALTER POLICY ${b.qname} ON ${b.table} ${parts.join(' ')}` });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`POLICY ${b.qname} ON ${b.table}`, b.comment), lock: 'none' });
    return out;
  },
};
