import type { ColumnObject, PolicyObject, PrivilegeObject, RowSecurityObject } from '../../core/model/index.js';
import { idPart } from '../../core/ids.js';
import type { Finding, MigrationInput, MigrationRule, RuleContext } from '../types.js';
import { grantKey } from '../locate.js';
import { existedBefore, migrationFinding, objectsOf } from './helpers.js';

const ofKind = <T>(m: MigrationInput, side: 'before' | 'after', kind: string) => new Map(m[side].objects.filter((o) => o.kind === kind).map((o) => [o.id, o as T]));

/**
 * Who can read or write what, before and after the migration, from table and column grants, row level
 * security and policies. Widening on data that existed before is an error unless acknowledged; access to
 * objects the migration creates, and narrowing, are reported as info.
 */
export const accessWidening: MigrationRule = {
  id: 'access-widening',
  scope: 'migration',
  severity: 'error',
  summary: 'the migration widens who can read or write existing data',
  check(m, ctx) {
    const out: Finding[] = [];
    const objects = objectsOf(m);
    const rel = (id: string) => objects.relationOf(id);
    const existing = (id: string, column?: string | null) => {
      const r = rel(id);
      if (r === undefined || !existedBefore(m, r.id)) return false;
      if (!column) return true;
      // A grant on a column the migration adds reaches no data that existed before.
      const col = m.after.objects.find((o) => o.kind === 'column' && o.parent === r.id && idPart((o as ColumnObject).name) === column);
      return col === undefined || existedBefore(m, col.id);
    };
    const push = (widening: boolean, objectId: string, message: string, line?: number, column?: string | null) => {
      const severity = widening && existing(objectId, column) ? ctx.severity : 'info';
      const onNew = widening && !existing(objectId, column) ? ' (new object)' : '';
      const f = migrationFinding(m, { ...ctx, severity } as RuleContext, 'access-widening', objectId, message + onNew);
      out.push({ ...f, severity, ...(line ? { line } : {}) });
    };
    // The GRANT/REVOKE that names this table, grantee and privilege (or ALL), for a finding per privilege.
    const grantLine = (p: PrivilegeObject, privilege: string) => {
      const r = rel(p.id) as { schema: string; name: string } | undefined;
      if (!r) return undefined;
      const keys = [grantKey(r.schema, r.name, p.grantee, privilege), grantKey(r.schema, r.name, p.grantee, 'ALL')];
      return m.statements.find((s) => s.objects.some((o) => keys.includes(o)))?.line;
    };
    const describe = (p: PrivilegeObject) => (p.column ? `${p.target}(${p.column})` : p.target);

    const pb = ofKind<PrivilegeObject>(m, 'before', 'privilege');
    const pa = ofKind<PrivilegeObject>(m, 'after', 'privilege');
    for (const [id, p] of pa) {
      if (p.targetType !== 'TABLE') continue;
      const had = pb.get(id)?.privileges ?? [];
      const gained = p.privileges.filter((x) => !had.includes(x));
      for (const g of gained) push(true, id, `role ${p.grantee} gains ${g} on ${describe(p)}`, grantLine(p, g), p.column);
    }
    for (const [id, p] of pb) {
      if (p.targetType !== 'TABLE') continue;
      const has = pa.get(id)?.privileges ?? [];
      const lost = p.privileges.filter((x) => !has.includes(x));
      if (m.after.objects.some((o) => o.id === p.parent)) for (const l of lost) push(false, id, `role ${p.grantee} loses ${l} on ${describe(p)}`, grantLine(p, l));
    }

    const rb = ofKind<RowSecurityObject>(m, 'before', 'row_security');
    const ra = ofKind<RowSecurityObject>(m, 'after', 'row_security');
    for (const [id, b] of rb) {
      const a = ra.get(id);
      const tableStays = m.after.objects.some((o) => o.id === b.parent);
      if (!tableStays) continue;
      if (b.enabled && !a?.enabled) push(true, b.parent ?? id, `disables row level security on ${b.table}: every role with a grant sees every row`);
      else if (b.forced && !a?.forced) push(true, b.parent ?? id, `no longer forces row level security on ${b.table}: its owner bypasses the policies`);
    }
    for (const [id, a] of ra) {
      const b = rb.get(id);
      if ((a.enabled && !b?.enabled) || (a.forced && !b?.forced)) push(false, a.parent ?? id, `${a.forced && !b?.forced ? 'forces' : 'enables'} row level security on ${a.table}`);
    }

    const polb = ofKind<PolicyObject>(m, 'before', 'policy');
    const pola = ofKind<PolicyObject>(m, 'after', 'policy');
    const rlsOn = (table: string | null) => [...ra.values()].some((r) => r.parent === table && r.enabled);
    for (const [id, a] of pola) {
      const b = polb.get(id);
      if (!rlsOn(a.parent)) continue;
      const kind = a.permissive ? 'permissive' : 'restrictive';
      if (!b) {
        if (a.permissive) push(true, id, `adds permissive policy ${a.qname} on ${a.table}: ${a.roles.join(', ')} may ${a.command} rows where ${a.using ?? a.check ?? 'true'}`);
        else push(false, id, `adds restrictive policy ${a.qname} on ${a.table}`);
        continue;
      }
      const gainedRoles = a.roles.filter((r) => !b.roles.includes(r));
      const exprChanged = a.using !== b.using || a.check !== b.check || a.command !== b.command || a.permissive !== b.permissive;
      if (!gainedRoles.length && !exprChanged && a.roles.length === b.roles.length) continue;
      const parts = [
        ...(gainedRoles.length ? [`roles + ${gainedRoles.join(', ')}`] : []),
        ...(a.using !== b.using ? [`USING ${b.using ?? 'none'} → ${a.using ?? 'none'}`] : []),
        ...(a.check !== b.check ? [`WITH CHECK ${b.check ?? 'none'} → ${a.check ?? 'none'}`] : []),
        ...(a.command !== b.command ? [`command ${b.command} → ${a.command}`] : []),
      ];
      // A changed expression may loosen or tighten; strata cannot tell, so it asks for an acknowledgement.
      const widening = (a.permissive && (gainedRoles.length > 0 || exprChanged)) || (!a.permissive && (exprChanged || a.roles.length !== b.roles.length)) || a.permissive !== b.permissive;
      push(widening, id, `changes ${kind} policy ${a.qname} on ${a.table}: ${parts.join('; ') || 'roles narrowed'}`);
    }
    for (const [id, b] of polb) {
      if (pola.has(id) || !m.after.objects.some((o) => o.id === b.parent)) continue;
      if (!rlsOn(b.parent)) continue;
      if (b.permissive) push(false, id, `drops permissive policy ${b.qname} on ${b.table}`);
      else push(true, b.parent ?? id, `drops restrictive policy ${b.qname} on ${b.table}: rows it filtered become visible`);
    }
    return out;
  },
};
