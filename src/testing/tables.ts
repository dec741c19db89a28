/** The tables the generated suites enumerate, read from the Snapshot (plus catalog facts for column lists). */
import type { ColumnObject, EnumObject, PolicyObject, PrivilegeObject, RowSecurityObject, Snapshot, TableObject } from '../core/model/index.js';
import type { CatalogFacts, ConstraintFacts, IndexFacts } from './catalog.js';

export interface TableInfo {
  table: TableObject;
  /** Quoted qualified name, as SQL takes it. */
  qname: string;
  /** Live columns in position order. */
  columns: ColumnObject[];
  constraints: ConstraintFacts[];
  indexes: IndexFacts[];
  rowSecurity: RowSecurityObject | undefined;
  policies: PolicyObject[];
  /** Table-level privileges by grantee (column privileges not included). */
  privileges: PrivilegeObject[];
}

export function tablesOf(snapshot: Snapshot, facts: CatalogFacts): TableInfo[] {
  const objs = snapshot.objects;
  const of = <K extends Snapshot['objects'][number]['kind']>(k: K) => objs.filter((o) => o.kind === k) as Extract<Snapshot['objects'][number], { kind: K }>[];
  const columns = of('column');
  const rls = of('row_security');
  const policies = of('policy');
  const privileges = of('privilege').filter((p) => p.targetType === 'TABLE' && p.column === null);
  return of('table')
    .filter((t) => t.partitionOf === null)
    .map((t) => ({
      table: t,
      qname: t.qname.includes('.') ? t.qname : `${t.schema}.${t.qname}`,
      columns: columns.filter((c) => c.table === tableRef(t)).sort((a, b) => a.position - b.position),
      constraints: facts.constraints.filter((c) => c.table === tableRef(t)),
      indexes: facts.indexes.filter((i) => i.table === tableRef(t)),
      rowSecurity: rls.find((r) => r.table === tableRef(t)),
      policies: policies.filter((p) => p.table === tableRef(t)),
      privileges: privileges.filter((p) => p.target === tableRef(t)),
    }));
}

/** The `table` text other objects use to point at `t` (quoted qualified). */
export function tableRef(t: TableObject): string {
  return t.qname.includes('.') ? t.qname : `${t.schema}.${t.qname}`;
}

export function enumsOf(snapshot: Snapshot): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const o of snapshot.objects) {
    if (o.kind !== 'enum') continue;
    const e = o as EnumObject;
    m.set(e.qname, e.values);
    m.set(e.name, e.values);
  }
  return m;
}

/** Columns an INSERT may name: not generated, not GENERATED ALWAYS AS IDENTITY. */
export function insertable(t: TableInfo): ColumnObject[] {
  return t.columns.filter((c) => !c.generated && c.identity?.generation !== 'always');
}

/** Whether `role` holds `privilege` on the table (directly or through PUBLIC). */
export function hasPrivilege(t: TableInfo, role: string, privilege: string): boolean {
  return t.privileges.some((p) => (p.grantee === role || p.grantee === 'PUBLIC') && p.privileges.includes(privilege));
}
