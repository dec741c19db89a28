/**
 * Shared state while turning catalog rows into a Snapshot: the map from catalog
 * addresses (`pg_class` row 16384, column 2) to object ids, which is how pg_depend rows
 * become `dependsOn` edges, and the set of objects extensions own.
 */
import type { CatalogObject, UnmanagedObject } from '../core/model/index.js';
import { makeId } from '../core/ids.js';

/** A catalog address: which catalog, which row (oid), which sub-object (a column's attnum, else 0). */
export interface Address {
  readonly catalog: string;
  readonly oid: number;
  readonly subid: number;
}

/** The address of `pg_class` row 16402, column 2: `address('pg_class', 16402, 2)`. */
export function address(catalog: string, oid: string | number, subid: string | number = 0): Address {
  return { catalog, oid: Number(oid), subid: Number(subid) };
}

/**
 * A map on catalog addresses, nested by catalog then numeric oid (then subid): lookups hash a
 * small number instead of a freshly built `catalog:oid:subid` string, at ~10^6 lookups per snapshot.
 */
export class AddressMap<V> {
  private readonly rows = new Map<string, Map<number, V>>();
  private readonly subs = new Map<string, Map<number, Map<number, V>>>();

  get(at: Address): V | undefined {
    return this.lookup(at.catalog, at.oid, at.subid);
  }

  /** get() without building the address (for the loop over every pg_depend row). */
  lookup(catalog: string, oid: number, subid = 0): V | undefined {
    if (subid === 0) return this.rows.get(catalog)?.get(oid);
    return this.subs.get(catalog)?.get(oid)?.get(subid);
  }

  has(at: Address): boolean {
    return this.get(at) !== undefined;
  }

  set(at: Address, value: V): void {
    if (at.subid === 0) {
      let byOid = this.rows.get(at.catalog);
      if (!byOid) this.rows.set(at.catalog, (byOid = new Map()));
      byOid.set(at.oid, value);
      return;
    }
    let byOid = this.subs.get(at.catalog);
    if (!byOid) this.subs.set(at.catalog, (byOid = new Map()));
    let bySub = byOid.get(at.oid);
    if (!bySub) byOid.set(at.oid, (bySub = new Map()));
    bySub.set(at.subid, value);
  }

  /** Entries in insertion order per catalog (whole-row addresses first, then sub-objects). */
  *entries(): IterableIterator<[Address, V]> {
    for (const [catalog, byOid] of this.rows) for (const [oid, v] of byOid) yield [{ catalog, oid, subid: 0 }, v];
    for (const [catalog, byOid] of this.subs)
      for (const [oid, bySub] of byOid) for (const [subid, v] of bySub) yield [{ catalog, oid, subid }, v];
  }
}

export class ReadContext {
  readonly objects: CatalogObject[] = [];
  /** User objects no reader modelled (the unmanaged reader fills it, last). */
  readonly unmanaged: UnmanagedObject[] = [];
  private readonly byAddress = new AddressMap<string>();
  private readonly byId = new Map<string, CatalogObject>();

  constructor(
    /** Addresses (`catalog:oid:0`) of objects that belong to an extension, mapped to the extension's own address. */
    readonly extensionMembers: AddressMap<Address>,
  ) {}

  /** True when an extension owns the object: it is then left out of the snapshot. */
  ownedByExtension(catalog: string, oid: string | number): boolean {
    return this.extensionMembers.has(address(catalog, oid));
  }

  add(obj: CatalogObject, at?: Address): void {
    if (this.byId.has(obj.id)) return;
    this.objects.push(obj);
    this.byId.set(obj.id, obj);
    if (at) this.byAddress.set(at, obj.id);
  }

  /** Let another catalog address stand for an object (a table's row type, a constraint's index, a default). */
  alias(at: Address, id: string): void {
    this.byAddress.set(at, id);
  }

  private readonly scratch = new Map<string, unknown>();

  /** Per-run state readers hand to later readers (never module globals: runs may overlap). */
  state<T>(key: string, init: () => T): T {
    if (!this.scratch.has(key)) this.scratch.set(key, init());
    return this.scratch.get(key) as T;
  }

  idAt(at: Address): string | undefined {
    return this.byAddress.get(at);
  }

  /** idAt() for numeric oids without building the address. */
  idOf(catalog: string, oid: number, subid = 0): string | undefined {
    return this.byAddress.lookup(catalog, oid, subid);
  }

  get(id: string): CatalogObject | undefined {
    return this.byId.get(id);
  }
}

/**
 * The fields a schema-qualified object's entry starts with, from its row's `schema`, `name`
 * and `description`: id, no parent, comment, and a dependency on its schema (then `more`).
 * `id` replaces `kind:schema.name` for kinds whose ids carry arguments (functions, operators).
 * Spread first, so every kind's fields keep their order in the snapshot.
 */
export function schemaObject<K extends CatalogObject['kind']>(
  kind: K,
  r: Record<string, any>,
  more: readonly string[] = [],
  id: string = makeId(kind, r.schema, r.name),
): { kind: K; id: string; parent: null; comment: string | null; dependsOn: string[] } {
  return { kind, id, parent: null, comment: r.description, dependsOn: [makeId('schema', r.schema), ...more] };
}

/** Schemas whose contents are PostgreSQL's own. */
export const SYSTEM_SCHEMA_FILTER = (col: string): string =>
  `${col} <> ALL (ARRAY['pg_catalog','information_schema','pg_toast']) AND ${col} !~ '^pg_(toast_)?temp_'`;

export const qualified = (ns: string, rel: string): string => `quote_ident(${ns}) || '.' || quote_ident(${rel})`;

/** A catalog reader for one kind (or a few tightly bound kinds): one query, then rows → objects. */
export interface KindReader {
  name: string;
  /** Readers run in array order; a later reader may look up objects an earlier one added. */
  sql: string;
  read(rows: Record<string, any>[], ctx: ReadContext): void;
  /**
   * The reader takes its rows in batches (read once per batch, then finish): its query can
   * return a row per column or constraint, and holding them all at once is what costs memory.
   */
  batched?: boolean;
  finish?(ctx: ReadContext): void;
  /** A second query that depends on what the first one found (run after finish, unbatched). */
  followUp?(ctx: ReadContext): { sql: string; read(rows: Record<string, any>[], ctx: ReadContext): void } | undefined;
}
