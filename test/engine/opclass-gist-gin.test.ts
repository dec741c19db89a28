/**
 * User-defined GiST and GIN operator classes: a class whose own members change (a required
 * support function) is dropped and created again, and the index using it is rebuilt with it (no
 * table is touched), on a table holding rows, both ways. Operators GiST and GIN keep as loose
 * family members are added in place, without a rebuild. Each state diffed with itself is empty.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { queryOnce } from '../../src/db/connect.js';
import type { ScratchDb } from '../helpers/server.js';
import { applyScript, expectInOrder, scratchBuilder, type CaseDb } from './harness.js';

const build = scratchBuilder('strata_opclass_gist');

/** `extract`, `consistent`: the GIN and GiST support functions; `gin`, `gist`: extra operators. */
const opclassState = (extract: string, consistent: string, gin: string, gist: string) => `
  CREATE SCHEMA app;
  -- The same C functions under other names: a change of the class's required members.
  CREATE FUNCTION app.gin_extract(anyarray, internal, internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'ginarrayextract';
  CREATE FUNCTION app.box_consistent(internal, box, smallint, oid, internal) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'gist_box_consistent';
  CREATE OPERATOR CLASS app.int_array_gin FOR TYPE integer[] USING gin AS
    OPERATOR 1 &&(anyarray, anyarray), OPERATOR 2 @>(anyarray, anyarray), OPERATOR 3 <@(anyarray, anyarray),
    FUNCTION 1 btint4cmp(integer, integer),
    FUNCTION 2 ${extract}(anyarray, internal, internal),
    FUNCTION 3 ginqueryarrayextract(anyarray, internal, smallint, internal, internal, internal, internal),
    FUNCTION 4 ginarrayconsistent(internal, smallint, anyarray, integer, internal, internal, internal, internal)${gin},
    STORAGE integer;
  CREATE OPERATOR CLASS app.box_gist FOR TYPE box USING gist AS
    OPERATOR 3 &&(box, box), OPERATOR 7 @>(box, box), OPERATOR 8 <@(box, box)${gist},
    FUNCTION 1 ${consistent}(internal, box, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal),
    FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal),
    FUNCTION 7 gist_box_same(box, box, internal);
  CREATE TABLE app.shapes (id int PRIMARY KEY, tags integer[] NOT NULL, area box NOT NULL);
  CREATE INDEX shapes_tags ON app.shapes USING gin (tags app.int_array_gin);
  CREATE INDEX shapes_area ON app.shapes USING gist (area app.box_gist);`;

const OLD = opclassState('ginarrayextract', 'gist_box_consistent', '', '');
const NEW = opclassState('app.gin_extract', 'app.box_consistent', ', OPERATOR 4 =(anyarray, anyarray)', ', OPERATOR 6 ~=(box, box)');
const LOOSE = opclassState('ginarrayextract', 'gist_box_consistent', ', OPERATOR 4 =(anyarray, anyarray)', ', OPERATOR 6 ~=(box, box)');
const ROWS = `INSERT INTO app.shapes SELECT g, ARRAY[g % 10, g % 7, g], box(point(g, g), point(g + 2, g + 3)) FROM generate_series(1, 400) g;`;

async function probe(db: ScratchDb) {
  const [r] = await queryOnce<{ n: string; tagged: string; inside: string }>(
    db.url,
    `SET enable_seqscan = off;
     SELECT count(*)::text AS n,
            count(*) FILTER (WHERE tags @> ARRAY[3])::text AS tagged,
            count(*) FILTER (WHERE area <@ box(point(0, 0), point(50, 50)))::text AS inside
     FROM app.shapes`,
  );
  return r!;
}

describe('GiST and GIN operator classes with rows present', () => {
  let db: CaseDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;
  beforeAll(async () => {
    const target = await build(NEW, 'new');
    db = await build(OLD + ROWS, 'old');
    [oldSnap, newSnap] = await Promise.all([db.snapshot(), target.snapshot()]);
  });

  it('a changed class is recreated and its index rebuilt, keeping every row, both ways', async () => {
    const before = await probe(db);
    expect(before).toEqual({ n: '400', tagged: before.tagged, inside: before.inside });
    expect(Number(before.tagged)).toBeGreaterThan(0);
    const plan = diffSnapshots(oldSnap, newSnap);
    for (const [cls, index, method] of [['app.int_array_gin', 'shapes_tags', 'gin'], ['app.box_gist', 'shapes_area', 'gist']] as const) {
      expectInOrder(plan.up, [`DROP INDEX app.${index}`, `DROP OPERATOR CLASS ${cls} USING ${method}`, `CREATE OPERATOR CLASS ${cls}`, `CREATE INDEX ${index} ON app.shapes USING ${method}`]);
      expect(plan.steps.find((s) => s.op === 'create' && s.objectId === `index:app.${index}`)?.hazards).toContain('index-build');
    }
    expect(plan.up).not.toMatch(/DROP (TABLE|COLUMN)|ALTER TABLE/);

    await applyScript(db, plan.up);
    expect(compareSnapshots(await db.snapshot(), newSnap)).toEqual([]);
    expect(await probe(db)).toEqual(before);
    // The new members are there and the rebuilt indexes answer them.
    const [eq] = await queryOnce<{ n: string }>(db.url, `SET enable_seqscan = off; SELECT count(*)::text AS n FROM app.shapes WHERE tags = ARRAY[1, 1, 1]`);
    expect(eq!.n).toBe('1');

    await applyScript(db, plan.down);
    expect(compareSnapshots(await db.snapshot(), oldSnap)).toEqual([]);
    expect(await probe(db)).toEqual(before);
  });

  it('operators the access method keeps as loose family members are added in place, without a rebuild', async () => {
    const loose = await (await build(LOOSE, 'loose')).snapshot();
    const plan = diffSnapshots(oldSnap, loose);
    expect(plan.up).toContain('ALTER OPERATOR FAMILY app.int_array_gin USING gin ADD OPERATOR 4 pg_catalog.= (anyarray, anyarray)');
    expect(plan.up).toContain('ALTER OPERATOR FAMILY app.box_gist USING gist ADD OPERATOR 6 pg_catalog.~= (box, box)');
    expect(plan.up).not.toMatch(/DROP|CREATE INDEX/);
    const db2 = await build(OLD + ROWS, 'old-loose');
    await applyScript(db2, plan.up);
    expect(compareSnapshots(await db2.snapshot(), loose)).toEqual([]);
    await applyScript(db2, plan.down);
    expect(compareSnapshots(await db2.snapshot(), oldSnap)).toEqual([]);
  });

  it('is idempotent', () => {
    expect(diffSnapshots(oldSnap, oldSnap).up).toBe('');
    expect(diffSnapshots(newSnap, newSnap).up).toBe('');
    expect(oldSnap.unmanaged ?? []).toEqual([]);
  });
});
