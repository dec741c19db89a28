/**
 * Owners and grants on the catalog kinds, and what extensions bring: owners of
 * text search dictionaries and configurations, operators, operator classes and
 * families, conversions and languages follow --include-ownership like every other
 * owner; USAGE on a trusted language is granted and revoked; operators, classes,
 * families and casts an extension creates are the extension's and never emitted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { execOnce } from '../../src/db/connect.js';
import { testServer } from '../helpers/server.js';
import { applyScript, scratchBuilder, type CaseDb } from './harness.js';

const build = scratchBuilder('strata_catown');
const ROLES = ['strata_cat_owner', 'strata_cat_user'];

const BASE = `
  CREATE SCHEMA k;
  CREATE TEXT SEARCH DICTIONARY k.d (TEMPLATE = simple);
  CREATE TEXT SEARCH CONFIGURATION k.c (COPY = pg_catalog.simple);
  CREATE FUNCTION k.eq(int, int) RETURNS bool LANGUAGE sql IMMUTABLE RETURN $1 = $2;
  CREATE OPERATOR k.=== (FUNCTION = k.eq, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR FAMILY k.f USING hash;
  CREATE OPERATOR CLASS k.h FOR TYPE int USING hash FAMILY k.f AS OPERATOR 1 k.===, FUNCTION 1 hashint4(int);
  CREATE CONVERSION k.conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
  CREATE FUNCTION k.handler() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';
  CREATE TRUSTED LANGUAGE lang_k HANDLER k.handler;`;

const OWNED = `${BASE}
  ALTER TEXT SEARCH DICTIONARY k.d OWNER TO strata_cat_owner;
  ALTER TEXT SEARCH CONFIGURATION k.c OWNER TO strata_cat_owner;
  ALTER OPERATOR k.=== (int, int) OWNER TO strata_cat_owner;
  ALTER OPERATOR FAMILY k.f USING hash OWNER TO strata_cat_owner;
  ALTER OPERATOR CLASS k.h USING hash OWNER TO strata_cat_owner;
  ALTER CONVERSION k.conv OWNER TO strata_cat_owner;
  ALTER LANGUAGE lang_k OWNER TO strata_cat_owner;
  REVOKE USAGE ON LANGUAGE lang_k FROM PUBLIC;
  GRANT USAGE ON LANGUAGE lang_k TO strata_cat_user WITH GRANT OPTION;`;

const OWNER_STATEMENTS = [
  'ALTER TEXT SEARCH DICTIONARY k.d OWNER TO strata_cat_owner',
  'ALTER TEXT SEARCH CONFIGURATION k.c OWNER TO strata_cat_owner',
  'ALTER OPERATOR k.=== (integer, integer) OWNER TO strata_cat_owner',
  'ALTER OPERATOR FAMILY k.f USING hash OWNER TO strata_cat_owner',
  'ALTER OPERATOR CLASS k.h USING hash OWNER TO strata_cat_owner',
  'ALTER CONVERSION k.conv OWNER TO strata_cat_owner',
  'ALTER LANGUAGE lang_k OWNER TO strata_cat_owner',
];

beforeAll(async () => {
  const url = (await testServer()).url();
  for (const r of ROLES) {
    await execOnce(
      url,
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r}') THEN CREATE ROLE ${r} NOLOGIN; END IF;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
       END $$`,
    );
  }
});

describe('owners and language privileges', () => {
  let baseDb: CaseDb;
  let ownedDb: CaseDb;
  let base: Snapshot;
  let owned: Snapshot;
  beforeAll(async () => {
    [baseDb, ownedDb] = await Promise.all([build(BASE, 'base'), build(OWNED, 'owned')]);
    [base, owned] = await Promise.all([baseDb.snapshot(), ownedDb.snapshot()]);
  });

  it('owners are emitted only with includeOwnership; USAGE changes always', () => {
    const without = diffSnapshots(base, owned);
    expect(without.up).toContain('REVOKE USAGE ON LANGUAGE lang_k FROM PUBLIC');
    expect(without.up).toContain('GRANT USAGE ON LANGUAGE lang_k TO strata_cat_user WITH GRANT OPTION');
    expect(without.up).not.toContain('OWNER TO');
    const withOwners = diffSnapshots(base, owned, { includeOwnership: true });
    for (const s of OWNER_STATEMENTS) expect(withOwners.up).toContain(s);
  });

  it('up and down converge, owners included', async () => {
    const plan = diffSnapshots(base, owned, { includeOwnership: true });
    await applyScript(baseDb, plan.up);
    expect(compareSnapshots(await baseDb.snapshot(), owned, { includeOwnership: true })).toEqual([]);
    await applyScript(ownedDb, plan.down);
    expect(compareSnapshots(await ownedDb.snapshot(), base, { includeOwnership: true })).toEqual([]);
  });
});

describe('extension members', () => {
  it('operators, classes, families and casts an extension creates are not objects of the snapshot', async () => {
    const db = await build('CREATE EXTENSION citext; CREATE EXTENSION pg_trgm; CREATE TABLE t (a citext); CREATE INDEX t_a ON t USING gin ((a::text) gin_trgm_ops);', 'ext');
    const snap = await db.snapshot();
    const kinds = new Set(snap.objects.map((o) => o.kind));
    for (const k of ['operator', 'operator_class', 'operator_family', 'cast', 'function'] as const) expect(kinds.has(k), k).toBe(false);
    expect(snap.unmanaged ?? []).toEqual([]);
    // The index depends on the extension that brings its operator class.
    expect(snap.objects.find((o) => o.id === 'index:public.t_a')?.dependsOn).toContain('extension:pg_trgm');
    const created = diffSnapshots({ ...snap, objects: [] }, snap).up;
    expect(created).not.toMatch(/CREATE (OPERATOR|CAST)/);
  });
});
