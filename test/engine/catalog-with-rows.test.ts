/**
 * The catalog kinds' migrations on tables that hold rows: a text search
 * configuration's mappings and a dictionary's options change in place under a
 * generated tsvector column and its GIN index, and an operator class changes,
 * which rebuilds the index using it, without losing a row, both ways.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { queryOnce } from '../../src/db/connect.js';
import type { ScratchDb } from '../helpers/server.js';
import { applyScript, scratchBuilder, type CaseDb } from './harness.js';

const build = scratchBuilder('strata_catrows');

const state = (dictOptions: string, mapping: string, cmp: string) => `
  CREATE SCHEMA app;
  CREATE TEXT SEARCH DICTIONARY app.words (TEMPLATE = simple${dictOptions});
  CREATE TEXT SEARCH CONFIGURATION app.cfg (PARSER = default);
  ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR ${mapping};
  CREATE FUNCTION app.abs_lt(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) < abs($2);
  CREATE FUNCTION app.abs_le(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) <= abs($2);
  CREATE FUNCTION app.abs_eq(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) = abs($2);
  CREATE FUNCTION app.abs_ge(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) >= abs($2);
  CREATE FUNCTION app.abs_gt(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) > abs($2);
  CREATE FUNCTION app.${cmp}(int, int) RETURNS int LANGUAGE sql IMMUTABLE STRICT RETURN btint4cmp(abs($1), abs($2));
  CREATE OPERATOR app.<| (FUNCTION = app.abs_lt, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR app.<|= (FUNCTION = app.abs_le, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR app.=| (FUNCTION = app.abs_eq, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR app.|>= (FUNCTION = app.abs_ge, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR app.|> (FUNCTION = app.abs_gt, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR CLASS app.abs_ops FOR TYPE int USING btree AS
    OPERATOR 1 app.<|, OPERATOR 2 app.<|=, OPERATOR 3 app.=|, OPERATOR 4 app.|>=, OPERATOR 5 app.|>, FUNCTION 1 app.${cmp}(int, int);
  CREATE TABLE app.doc (id int PRIMARY KEY, v int NOT NULL, body text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('app.cfg'::regconfig, body)) STORED);
  CREATE INDEX doc_tsv ON app.doc USING gin (tsv);
  CREATE INDEX doc_v_abs ON app.doc (v app.abs_ops);`;

const OLD = `${state('', 'asciiword, word WITH simple', 'abs_cmp')}
  INSERT INTO app.doc (id, v, body) SELECT g, g - 250, 'row number ' || g || ' of the table' FROM generate_series(1, 500) g;`;
const NEW = state(', ACCEPT = false', 'asciiword WITH app.words, simple; ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR int, uint WITH simple', 'abs_cmp_v2');

async function rows(db: ScratchDb): Promise<{ n: number; body: number; tsv: number }> {
  const [r] = await queryOnce<{ n: string; body: string; tsv: string }>(
    db.url,
    `SELECT count(*) AS n, sum(length(body)) AS body, count(*) FILTER (WHERE tsv @@ 'number'::tsquery) AS tsv FROM app.doc`,
  );
  return { n: Number(r!.n), body: Number(r!.body), tsv: Number(r!.tsv) };
}

describe('text search and operator class changes with rows present', () => {
  let db: CaseDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;
  beforeAll(async () => {
    const target = await build(NEW, 'new');
    db = await build(OLD, 'old');
    [oldSnap, newSnap] = await Promise.all([db.snapshot(), target.snapshot()]);
  });

  it('mappings change in place, the opclass index is rebuilt, and every row stays, both ways', async () => {
    const before = await rows(db);
    expect(before).toEqual({ n: 500, body: before.body, tsv: 500 });
    const plan = diffSnapshots(oldSnap, newSnap);
    expect(plan.up).toContain('ALTER TEXT SEARCH CONFIGURATION app.cfg ALTER MAPPING FOR asciiword WITH app.words, pg_catalog.simple');
    expect(plan.up).toContain('DROP OPERATOR CLASS app.abs_ops USING btree');
    expect(plan.up).not.toMatch(/DROP (TABLE|COLUMN|TEXT SEARCH CONFIGURATION)/);
    const rebuild = plan.steps.find((s) => s.op === 'create' && s.objectId === 'index:app.doc_v_abs');
    expect(rebuild?.hazards).toContain('index-build');
    const remap = plan.steps.find((s) => s.sql.includes('ALTER MAPPING'));
    expect(remap?.lock).toBe('none');
    expect(remap?.note).toMatch(/not recomputed/);

    await applyScript(db, plan.up);
    expect(compareSnapshots(await db.snapshot(), newSnap)).toEqual([]);
    expect(await rows(db)).toEqual(before);
    // The rebuilt index orders by magnitude: the operator class is the new one and works.
    const [r] = await queryOnce<{ n: string }>(db.url, `SELECT count(*) AS n FROM app.doc WHERE v OPERATOR(app.<|) 10`);
    expect(Number(r!.n)).toBe(19);

    await applyScript(db, plan.down);
    expect(compareSnapshots(await db.snapshot(), oldSnap)).toEqual([]);
    expect(await rows(db)).toEqual(before);
  });
});
