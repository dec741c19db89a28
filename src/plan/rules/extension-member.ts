/**
 * Extension membership. A member is created and dropped with its extension (and an
 * ALTER EXTENSION UPDATE or SET SCHEMA changes members itself); otherwise it is
 * ALTER EXTENSION ... ADD / DROP. An object moving between an extension and the
 * schema stays where it is: its own drop (it became a member) or create (it stopped
 * being one) is no statement, the membership statement is the whole change.
 */
import type { CatalogObject, ExtensionMemberObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, RuleTable, SnapshotIndex } from '../types.js';

/** The extension is on both sides with the same version and schema: membership changes are the user's. */
function stable(ctx: RuleContext, extId: string | null): boolean {
  const a = extId ? ctx.from.get(extId) : undefined;
  const b = extId ? ctx.to.get(extId) : undefined;
  return a?.kind === 'extension' && b?.kind === 'extension' && a.version === b.version && a.schema === b.schema;
}

export const extensionMemberRules: KindRules<ExtensionMemberObject> = {
  kind: 'extension_member',
  order: 1.5,
  create: (m, ctx) => (stable(ctx, m.parent) ? [{ sql: `ALTER EXTENSION ${m.extension} ADD ${m.member}`, lock: 'none' }] : []),
  drop: (m, ctx) => (stable(ctx, m.parent) ? [{ sql: `ALTER EXTENSION ${m.extension} DROP ${m.member}`, lock: 'none' }] : []),
  alter: () => [],
};

const byMemberId = new WeakMap<SnapshotIndex, Map<string, ExtensionMemberObject>>();

function membersOf(ix: SnapshotIndex): Map<string, ExtensionMemberObject> {
  let m = byMemberId.get(ix);
  if (!m) {
    m = new Map();
    for (const x of ix.ofKind('extension_member')) if (x.memberId) m.set(x.memberId, x);
    byMemberId.set(ix, m);
  }
  return m;
}

/** `o` or an object it lives in is a member on `side` only, of an extension kept as it is. */
function movedIntoExtension(o: CatalogObject, own: SnapshotIndex, side: SnapshotIndex, ctx: RuleContext): boolean {
  const members = membersOf(side);
  const theirs = membersOf(own);
  if (!members.size) return false;
  for (let x: CatalogObject | undefined = o; x; x = x.parent ? own.get(x.parent) : undefined) {
    const m = members.get(x.id);
    if (m && !theirs.has(x.id) && !own.get(m.id) && stable(ctx, m.parent)) return true;
  }
  return false;
}

/** Every kind's rules, with the drop of an object an extension adopts and the create of one it releases left out. */
export function withExtensionMembership(rules: RuleTable): RuleTable {
  const out: Record<string, KindRules<CatalogObject>> = {};
  for (const [kind, r] of Object.entries(rules) as [string, KindRules<CatalogObject>][]) {
    if (kind === 'extension_member') {
      out[kind] = r;
      continue;
    }
    const wrapper: KindRules<CatalogObject> = {
      ...r,
      ...(kind === 'extension' ? { createsChildren: [...(r.createsChildren ?? []), 'extension_member'] } : {}),
      create: (o, ctx) => (movedIntoExtension(o, ctx.to, ctx.from, ctx) ? [] : r.create(o, ctx)),
      drop: (o, ctx) => (movedIntoExtension(o, ctx.from, ctx.to, ctx) ? [] : r.drop(o, ctx)),
    };
    // What it wraps, for the rule-table test (not enumerable: rules stay plain data).
    Object.defineProperty(wrapper, 'wraps', { value: r, enumerable: false });
    out[kind] = wrapper;
  }
  return out as unknown as RuleTable;
}
