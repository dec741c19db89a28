/**
 * Catalog → Snapshot. One query per reader plus two for pg_depend, all inside the
 * caller's read-only transaction. search_path is emptied first so every name the
 * catalog's deparsers print (pg_get_expr, pg_get_constraintdef, format_type...)
 * comes out schema-qualified and identical however the source spelt it.
 */
import type { Queryable } from '../core/queryable.js';
import { SNAPSHOT_FORMAT, sortUnmanaged, type CatalogObject, type Snapshot } from '../core/model/index.js';
import { address, AddressMap, ReadContext, type Address, type KindReader } from './context.js';
import { READERS } from './readers/index.js';
import { absentReaders } from './presence.js';

export { address, AddressMap, ReadContext, type Address, type KindReader } from './context.js';
export { READERS } from './readers/index.js';

// Catalog oids, named once below: a regclass name per row costs the server more than the rest of the row.
const MEMBERS_SQL = `
SELECT classid AS cls, objid, refobjid FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e' AND objid >= 16384`;
// One row per (catalog, referenced catalog) with its edges as text: ~10^5 pg_depend rows at 5,000
// tables cost the client more as row objects than everything the readers parse.
const EDGES_SQL = `
SELECT classid AS cls, refclassid AS refcls, deptype,
       string_agg(objid::text || ' ' || objsubid::text || ' ' || refobjid::text || ' ' || refobjsubid::text, ' ') AS edges
FROM pg_depend
WHERE objid >= 16384 AND deptype IN ('n', 'a')
GROUP BY classid, refclassid, deptype`;
const CATALOGS_SQL = `SELECT c.oid, c.relname FROM pg_class c WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r'`;

/** Must run inside a transaction (ideally READ ONLY, REPEATABLE READ): it sets search_path locally. */
export async function introspect(db: Queryable, readers: readonly KindReader[] = READERS): Promise<Snapshot> {
  // JIT compiling these catalog joins costs more than running them.
  await db.query(`SELECT set_config('search_path', '', true), set_config('jit', 'off', true)`);
  const [{ v }] = (await db.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`)) as [{ v: number }];
  const catalogs = new Map((await db.query<{ oid: string | number; relname: string }>(CATALOGS_SQL)).map((c) => [Number(c.oid), c.relname]));
  const catalog = (oid: string | number) => catalogs.get(Number(oid)) ?? String(oid);
  const members = new AddressMap<Address>();
  for (const d of await db.query<{ cls: string; objid: string | number; refobjid: string | number }>(MEMBERS_SQL)) {
    members.set(address(catalog(d.cls), d.objid), address('pg_extension', d.refobjid));
  }
  const ctx = new ReadContext(members);
  const absent = await absentReaders(db, readers);
  for (const reader of readers) {
    // A reader known to find nothing gets what its query would have returned.
    if (absent.has(reader.name)) reader.read([], ctx);
    else if (reader.batched) for await (const rows of rowBatches(db, reader.sql)) reader.read(rows, ctx);
    else reader.read(await db.query(reader.sql), ctx);
    reader.finish?.(ctx);
    const next = reader.followUp?.(ctx);
    if (next) next.read(await db.query(next.sql), ctx);
  }
  // Objects an extension owns stand for the extension when something depends on them.
  for (const [member, ext] of members.entries()) {
    const extId = ctx.idAt(ext);
    if (extId && !ctx.idAt(member)) ctx.alias(member, extId);
  }
  // Read after the readers (same transaction, so the same catalog state): no edge is held while they run.
  for (const g of await db.query<{ cls: string; refcls: string; deptype: string; edges: string }>(EDGES_SQL)) {
    const cls = catalog(g.cls);
    const refcls = catalog(g.refcls);
    const auto = g.deptype === 'a';
    const text = g.edges;
    const n = [0, 0, 0, 0];
    let k = 0;
    let v = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      if (c !== 32) {
        v = v * 10 + (c - 48);
        continue;
      }
      n[k++] = v;
      v = 0;
      if (k < 4) continue;
      k = 0;
      const from = ctx.idOf(cls, n[0]!, n[1]!) ?? ctx.idOf(cls, n[0]!);
      const to = ctx.idOf(refcls, n[2]!, n[3]!) ?? ctx.idOf(refcls, n[2]!);
      if (!from || !to || from === to) continue;
      const obj = ctx.get(from);
      // A sequence OWNED BY a column depends on it only for DROP cascading; the link is its own object.
      if (!obj || (obj.kind === 'sequence' && auto)) continue;
      obj.dependsOn.push(to);
    }
  }
  const snapshot: Snapshot = { format: SNAPSHOT_FORMAT, serverVersion: v, objects: normalizeInPlace(ctx.objects) };
  if (ctx.unmanaged.length) snapshot.unmanaged = sortUnmanaged(ctx.unmanaged);
  return snapshot;
}

/**
 * A query's rows in batches when the connection streams (a batch is young garbage once read:
 * at 5,000 tables whole results of 40,000 column rows per side were most of the peak memory).
 */
async function* rowBatches<Row = Record<string, any>>(db: Queryable, sql: string): AsyncIterable<Row[]> {
  if (db.batches) yield* db.batches<Row>(sql, BATCH);
  else yield await db.query<Row>(sql);
}
const BATCH = 2000;

/**
 * normalizeSnapshot's result without its copy of every object: these objects are this
 * run's own, and at 10,000 tables a second copy of ~140,000 objects is most of the peak memory.
 */
function normalizeInPlace(objects: CatalogObject[]): CatalogObject[] {
  // Sorted, then duplicates (now adjacent) dropped in place: no Set and spread copy per object.
  for (const o of objects) {
    const deps = o.dependsOn.filter((d) => d !== o.id).sort();
    let n = 0;
    for (let i = 0; i < deps.length; i++) if (i === 0 || deps[i] !== deps[n - 1]) deps[n++] = deps[i]!;
    deps.length = n;
    o.dependsOn = deps;
  }
  return objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
