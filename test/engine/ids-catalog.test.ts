/**
 * Ids as the introspection readers build them, on a catalog full of awkward names
 * (dots, quotes, colons and parentheses in names, quoted argument types, column
 * privileges for a quoted role, default privileges): every id, parent and
 * dependency parses, round-trips, and names the object it belongs to.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { formatId, isNamed, isPrivilege, parseId } from '../../src/core/ids.js';
import type { ObjectKind } from '../../src/core/model/index.js';
import { execOnce } from '../../src/db/connect.js';
import { snapshotDatabase } from '../../src/state/index.js';
import { testServer, type ScratchDb } from '../helpers/server.js';

const role = `Strata Ids:${randomBytes(3).toString('hex')}`;
const qrole = `"${role}"`;
const dbs: ScratchDb[] = [];
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
  const server = await testServer();
  await execOnce(server.url(), `DROP ROLE IF EXISTS ${qrole}`);
});

const SQL = `
CREATE ROLE ${qrole} NOLOGIN;
CREATE SCHEMA "odd.schema";
CREATE TYPE "odd.schema"."Mood:type" AS ENUM ('a', 'b');
CREATE DOMAIN "odd.schema"."pos ""int""" AS int CHECK (VALUE > 0);
CREATE TYPE "odd.schema".pair AS (a int, b text);
CREATE TYPE "odd.schema".frange AS RANGE (subtype = float8);
CREATE COLLATION "odd.schema"."ci(x)" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE "odd.schema"."T.1" (
  id serial PRIMARY KEY,
  "Col:A" "odd.schema"."Mood:type",
  "p(q)" "odd.schema"."pos ""int""",
  note text COLLATE "odd.schema"."ci(x)",
  CONSTRAINT "chk.""x""" CHECK (id > 0)
);
CREATE INDEX "ix:1" ON "odd.schema"."T.1" ("Col:A");
CREATE TABLE "odd.schema".child (id int REFERENCES "odd.schema"."T.1" (id));
CREATE VIEW "odd.schema"."V w" AS SELECT id, "Col:A" FROM "odd.schema"."T.1";
CREATE MATERIALIZED VIEW "odd.schema".mv AS SELECT id FROM "odd.schema"."T.1";
CREATE FUNCTION "odd.schema"."f(x)"(a "odd.schema"."Mood:type", b "odd.schema"."pos ""int""", c character varying[])
  RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION "odd.schema".trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER "on:insert" BEFORE INSERT ON "odd.schema"."T.1" FOR EACH ROW EXECUTE FUNCTION "odd.schema".trg();
ALTER TABLE "odd.schema"."T.1" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "see.all" ON "odd.schema"."T.1" FOR SELECT TO ${qrole} USING (true);
GRANT USAGE ON SCHEMA "odd.schema" TO ${qrole};
GRANT SELECT ("Col:A", "p(q)") ON "odd.schema"."T.1" TO ${qrole};
GRANT SELECT ON "odd.schema"."V w" TO ${qrole} WITH GRANT OPTION;
REVOKE EXECUTE ON FUNCTION "odd.schema"."f(x)"("odd.schema"."Mood:type", "odd.schema"."pos ""int""", character varying[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "odd.schema"."f(x)"("odd.schema"."Mood:type", "odd.schema"."pos ""int""", character varying[]) TO ${qrole};
ALTER DEFAULT PRIVILEGES IN SCHEMA "odd.schema" GRANT SELECT ON TABLES TO ${qrole};
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO ${qrole};
`;

it('every id the readers build round-trips through the codec and names its object', async () => {
  const server = await testServer();
  const db = await server.scratch({ prefix: 'strata_ids' });
  dbs.push(db);
  await execOnce(db.url, SQL);
  const snap = await snapshotDatabase(db.url);

  const kinds = new Set<ObjectKind>();
  for (const o of snap.objects) {
    kinds.add(o.kind);
    for (const id of [o.id, ...(o.parent ? [o.parent] : []), ...o.dependsOn]) expect(formatId(parseId(id)), id).toBe(id);
    const id = parseId(o.id);
    expect(id.kind, o.id).toBe(o.kind);
    // Objects inside a schema carry their schema and name: the id's parts are those, unquoted (an extension's schema is where it installs, not part of its id).
    const named = o as { schema?: unknown; name?: unknown };
    if (isNamed(id) && typeof named.schema === 'string' && typeof named.name === 'string' && o.kind !== 'default_privilege' && o.kind !== 'extension') {
      expect(id.parts[0], o.id).toBe(named.schema);
      expect(id.parts.at(-1), o.id).toBe(named.name);
    }
    if (isPrivilege(id) && o.kind === 'privilege') {
      expect(formatId(id.target)).toBe(o.parent);
      expect(id.grantee).toBe(o.grantee);
      expect(id.column).toBe(o.column);
    }
  }
  expect([...kinds].sort()).toEqual(
    expect.arrayContaining([
      'collation', 'column', 'composite_type', 'constraint', 'default_privilege', 'domain', 'enum', 'function', 'index',
      'materialized_view', 'owner', 'policy', 'privilege', 'range_type', 'row_security', 'schema', 'sequence',
      'sequence_owner', 'table', 'trigger', 'view',
    ]),
  );
  const f = snap.objects.find((o) => o.kind === 'function' && o.name === 'f(x)')!;
  expect(parseId(f.id)).toEqual({
    kind: 'function',
    parts: ['odd.schema', 'f(x)'],
    args: '"odd.schema"."Mood:type", "odd.schema"."pos ""int""", character varying[]',
  });
  // A column privilege sits on the column object and also names the column as GRANT spells it.
  const colGrant = snap.objects.find((o) => o.kind === 'privilege' && o.column === '"Col:A"')!;
  expect(parseId(colGrant.id)).toEqual({
    kind: 'privilege',
    target: { kind: 'column', parts: ['odd.schema', 'T.1', 'Col:A'] },
    column: '"Col:A"',
    grantee: qrole,
  });
}, 120_000);
