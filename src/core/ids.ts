/**
 * Stable object ids and their one codec. An id is `kind:part.part...`; parts are
 * written the way PostgreSQL writes identifiers (bare when lower-case and plain,
 * otherwise double-quoted), so ids are readable, unambiguous and sort the same on
 * every run. Three kinds wrap more than names:
 *   - `function:s.f(integer, text)`: the argument types, as oidvectortypes prints them;
 *   - `operator:s."==="(integer, integer)`: the operand types (NONE for a prefix operator);
 *     `operator_class:s.c(btree)`, `operator_family:s.f(btree)`: the access method;
 *   - `owner:<id>`: the owner of another object;
 *   - `privilege:<id>[(<column>)]:<grantee>`: one grantee's privileges on another
 *     object (or one of its columns); column and grantee spelled as SQL quotes them;
 *   - `role:<role>`: a role (outside the snapshot), spelled as SQL quotes it.
 * Build ids with `formatId`/`makeId` and read them with `parseId`; nothing else
 * takes ids apart.
 */
import { StrataError } from './diagnostic.js';

const PLAIN = /^[a-z_][a-z0-9_$]*$/;
const BARE_CHAR = /[a-z0-9_$]/;

export function idPart(name: string): string {
  return PLAIN.test(name) ? name : '"' + name.replace(/"/g, '""') + '"';
}

/** An object named by its name parts (schema, table, name ...). */
export interface NamedId {
  kind: string;
  /** Unquoted names, outermost first (`['public', 'orders', 'orders_pkey']`). */
  parts: string[];
  /** A function's argument types (`integer, text`); only for kind 'function'. */
  args?: string;
}
export interface OwnerId {
  kind: 'owner';
  target: NamedId;
}
export interface PrivilegeId {
  kind: 'privilege';
  target: NamedId;
  /** Column name as SQL spells it (quote_ident), or null for the whole object. */
  column: string | null;
  /** Role name as SQL spells it, or PUBLIC. */
  grantee: string;
}
export interface RoleId {
  kind: 'role';
  /** Role name as SQL spells it (quote_ident). */
  role: string;
}
export type ObjectId = NamedId | OwnerId | PrivilegeId | RoleId;

/** Kinds whose id ends in an argument list. */
const WITH_ARGS: ReadonlySet<string> = new Set(['function', 'operator', 'operator_family', 'operator_class']);

export function makeId(kind: string, ...parts: string[]): string {
  return `${kind}:${parts.map(idPart).join('.')}`;
}

/** The owner id of the object whose formatted id is `target` (no parse of `target` needed). */
export const ownerIdOf = (target: string): string => `owner:${target}`;
/** The privilege id on `target` (a formatted id), for `column` (or the whole object) and `grantee`. */
export const privilegeIdOf = (target: string, column: string | null, grantee: string): string =>
  `privilege:${target}${column !== null ? `(${column})` : ''}:${grantee}`;
/** `kind:schema.table.name` for a part (column, constraint) of the relation whose id is `parent`. */
export const childIdOf = (kind: string, parent: string, name: string): string => `${kind}:${parent.slice(parent.indexOf(':') + 1)}.${idPart(name)}`;

export function formatId(id: ObjectId): string {
  if (isOwner(id)) return ownerIdOf(formatId(id.target));
  if (isPrivilege(id)) return privilegeIdOf(formatId(id.target), id.column, id.grantee);
  if (isRole(id)) return `role:${id.role}`;
  const n = id as NamedId;
  return makeId(n.kind, ...n.parts) + (n.args !== undefined ? `(${n.args})` : '');
}

export const isOwner = (id: ObjectId): id is OwnerId => id.kind === 'owner';
export const isPrivilege = (id: ObjectId): id is PrivilegeId => id.kind === 'privilege';
export const isRole = (id: ObjectId): id is RoleId => id.kind === 'role';
export const isNamed = (id: ObjectId): id is NamedId => !isOwner(id) && !isPrivilege(id) && !isRole(id);
/** `isNamed` on a formatted id, read from its kind alone. */
export const isNamedIdText = (id: string): boolean => !WRAPPER_KINDS.has(idKind(id));
const WRAPPER_KINDS: ReadonlySet<string> = new Set(['owner', 'privilege', 'role']);

/** The kind prefix of an id (`table:public.t` → `table`). */
export function idKind(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(0, i);
}

/** Reads an id written by `formatId`; throws `core.invalid-id` on anything else. */
export function parseId(text: string): ObjectId {
  const r = new Reader(text);
  const id = r.objectId();
  if (!r.atEnd()) r.fail('unexpected text after the id');
  return id;
}

/**
 * A qualified name as SQL spells it (`public."My Type"`), split into its parts as
 * spelled (`['public', '"My Type"']`) and unquoted (`['public', 'My Type']`).
 */
export function splitQualifiedName(text: string): { spelled: string[]; names: string[] } {
  const r = new Reader(text, 'name');
  const spelled: string[] = [];
  const names: string[] = [];
  for (;;) {
    const start = r.pos;
    names.push(r.identifier(true));
    spelled.push(text.slice(start, r.pos));
    if (r.atEnd()) return { spelled, names };
    r.expect('.');
  }
}

class Reader {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly what: 'id' | 'name' = 'id',
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(why: string): never {
    throw new StrataError({
      code: 'core.invalid-id',
      severity: 'error',
      subject: this.text,
      message: `not a valid object ${this.what} (${why} at character ${this.pos + 1}): ${this.text}`,
    });
  }

  expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(`expected '${c}'`);
    this.pos++;
  }

  objectId(): ObjectId {
    const kind = this.kind();
    if (kind === 'owner') return { kind, target: this.named() };
    if (kind === 'role') return { kind, role: this.spelled() };
    if (kind === 'privilege') {
      const target = this.named();
      const column = this.text[this.pos] === '(' ? this.parenthesised() : null;
      this.expect(':');
      return { kind, target, column, grantee: this.spelled() };
    }
    return this.namedRest(kind);
  }

  private kind(): string {
    const i = this.text.indexOf(':', this.pos);
    if (i <= this.pos) this.fail('expected kind:');
    const kind = this.text.slice(this.pos, i);
    if (!PLAIN.test(kind)) this.fail('expected a kind');
    this.pos = i + 1;
    return kind;
  }

  private named(): NamedId {
    const kind = this.kind();
    if (kind === 'owner' || kind === 'privilege' || kind === 'role') this.fail(`a ${kind} id cannot be wrapped`);
    return this.namedRest(kind);
  }

  private namedRest(kind: string): NamedId {
    const parts = [this.identifier(false)];
    while (this.text[this.pos] === '.') {
      this.pos++;
      parts.push(this.identifier(false));
    }
    if (!WITH_ARGS.has(kind)) return { kind, parts };
    return { kind, parts, args: this.parenthesised() };
  }

  /** One name part: double-quoted (`""` is a quote), or bare. */
  identifier(sqlBare: boolean): string {
    const t = this.text;
    if (t[this.pos] === '"') {
      let out = '';
      for (let i = this.pos + 1; i < t.length; i++) {
        if (t[i] !== '"') out += t[i];
        else if (t[i + 1] === '"') (out += '"'), i++;
        else {
          this.pos = i + 1;
          if (!out) this.fail('empty quoted name');
          return out;
        }
      }
      this.fail('unterminated quoted name');
    }
    const start = this.pos;
    // SQL spells a bare name in any case and folds it to lower case; an id's bare part is already lower-case.
    while (this.pos < t.length && (BARE_CHAR.test(t[this.pos]!) || (sqlBare && /[A-Z]/.test(t[this.pos]!)))) this.pos++;
    if (this.pos === start) this.fail('expected a name');
    const bare = t.slice(start, this.pos);
    return sqlBare ? bare.toLowerCase() : bare;
  }

  /** A name as SQL spells it, taken verbatim: quoted, or bare up to the end. */
  private spelled(): string {
    const start = this.pos;
    if (this.text[this.pos] === '"') this.identifier(false);
    else this.pos = this.text.length;
    if (this.pos === start) this.fail('expected a name');
    return this.text.slice(start, this.pos);
  }

  /** `( ... )` with nested parentheses and quoted names inside; returns the inside verbatim. */
  private parenthesised(): string {
    this.expect('(');
    const t = this.text;
    const start = this.pos;
    let depth = 0;
    for (; this.pos < t.length; this.pos++) {
      const c = t[this.pos];
      if (c === '"') {
        this.identifier(false);
        this.pos--;
      } else if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          const inside = t.slice(start, this.pos);
          this.pos++;
          return inside;
        }
        depth--;
      }
    }
    this.fail("expected ')'");
  }
}
