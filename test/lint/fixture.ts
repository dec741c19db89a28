/**
 * One small project exercising every lint rule: for each rule a migration (or
 * desired-state statement) that triggers it, one that does not, and one where
 * `-- strata:ignore` acknowledges it. Built once per test file and shared.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const V = {
  base: '20260101000001',
  concurrent: '20260101000002',
  safeFk: '20260101000003',
  hazards: '20260101000004',
  suppressed: '20260101000005',
  noDownAck: '20260101000006',
  widen: '20260101000007',
} as const;

const files: Record<string, string> = {
  'strata.config.json': JSON.stringify({
    tenancy: { column: 'org_id', roles: ['lint_reader'], settings: { tenant: 'app.tenant_id' } },
    lint: { rules: { 'missing-comment': 'warning' } },
  }),
  'pgtyped.config.json': JSON.stringify({ srcDir: './queries', transforms: [{ mode: 'sql', include: '**/*.sql', emitTemplate: '{{dir}}/{{name}}.queries.ts' }] }),
  'queries/items.sql': `/* @name ListItems */
SELECT id, title FROM items WHERE id = :id!;

/* @name ItemQty */
SELECT qty FROM items WHERE id = :id!;

/* @name ThingNames */
SELECT name FROM things;
`,
  [`migrations/${V.base}_base.up.sql`]: `DO $$ BEGIN CREATE ROLE lint_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE owners (id bigint PRIMARY KEY);
CREATE TABLE items (
  id serial PRIMARY KEY,
  title text,
  name text,
  code text,
  sku text,
  qty integer,
  legacy text,
  owner_id bigint,
  created_at timestamptz
);
CREATE TABLE things (id bigint PRIMARY KEY, name text, old text, x int, n integer, owner_id bigint);
CREATE TABLE secrets (id bigint PRIMARY KEY, org_id bigint NOT NULL);
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY secrets_tenant ON secrets USING (org_id = current_setting('app.tenant_id')::bigint);
GRANT SELECT ON owners TO lint_reader;
`,
  [`migrations/${V.base}_base.down.sql`]: `DROP TABLE secrets;
DROP TABLE things;
DROP TABLE items;
DROP TABLE owners;
`,
  [`migrations/${V.concurrent}_concurrent.up.sql`]: `-- strata:no-transaction
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY items_name_idx ON items (name);
`,
  [`migrations/${V.concurrent}_concurrent.down.sql`]: `-- strata:no-transaction
DROP INDEX CONCURRENTLY items_name_idx;
`,
  [`migrations/${V.safeFk}_safe_fk.up.sql`]: `SET lock_timeout = '5s';
ALTER TABLE items ADD CONSTRAINT items_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id) NOT VALID;
ALTER TABLE items ADD COLUMN note text DEFAULT 'none';
CREATE TABLE fresh (id bigint PRIMARY KEY, v text NOT NULL UNIQUE);
CREATE INDEX fresh_v_idx ON fresh (v);
GRANT UPDATE (note) ON items TO lint_reader;
`,
  // The down forgets the column: up then down does not give back the state before.
  [`migrations/${V.safeFk}_safe_fk.down.sql`]: `DROP TABLE fresh;
ALTER TABLE items DROP CONSTRAINT items_owner_fk;
`,
  [`migrations/${V.hazards}_hazards.up.sql`]: `ALTER TABLE items DROP COLUMN legacy;
ALTER TABLE items ALTER COLUMN code TYPE varchar(5);
ALTER TABLE items ALTER COLUMN name SET NOT NULL;
ALTER TABLE items ADD CONSTRAINT items_sku_key UNIQUE (sku);
CREATE INDEX items_created_idx ON items (created_at);
ALTER TABLE items VALIDATE CONSTRAINT items_owner_fk;
ALTER TABLE things ADD CONSTRAINT things_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);
ALTER TABLE items ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE items RENAME COLUMN title TO label;
ALTER TABLE items ALTER COLUMN qty TYPE bigint;
GRANT SELECT ON items TO lint_reader;
ALTER TABLE secrets DISABLE ROW LEVEL SECURITY;
ALTER TABLE items ADD COLUMN must text NOT NULL;
GRANT UPDATE (qty) ON items TO lint_reader;
ALTER TABLE secrets DROP CONSTRAINT secrets_pkey, ADD CONSTRAINT secrets_pkey PRIMARY KEY (org_id, id);
ALTER TABLE things DROP CONSTRAINT things_pkey, ADD CONSTRAINT things_pkey PRIMARY KEY (owner_id, id);
CREATE UNIQUE INDEX items_id_sku_idx ON items (id, sku);
`,
  [`migrations/${V.suppressed}_suppressed.up.sql`]: `-- strata:ignore lock-timeout the table is only read by a nightly job
-- strata:ignore destructive the column has been unused since v2
ALTER TABLE things DROP COLUMN old;
-- strata:ignore data-dependent backfilled by the previous release
ALTER TABLE things ALTER COLUMN x SET NOT NULL;
-- strata:ignore index-not-concurrent the table has a few hundred rows
CREATE INDEX things_x_idx ON things (x);
-- strata:ignore table-rewrite small table
ALTER TABLE things ALTER COLUMN n TYPE bigint; -- strata:ignore down-narrowing n never passes 2^31
-- strata:ignore volatile-default small table
ALTER TABLE things ADD COLUMN tok uuid DEFAULT gen_random_uuid();
-- strata:ignore query-broken ThingNames is rewritten in the same change
-- strata:ignore squawk/renaming-column no client reads the old name any more
ALTER TABLE things RENAME COLUMN name TO label;
-- strata:ignore access-widening reporting needs to read things
GRANT SELECT ON things TO lint_reader;
-- strata:ignore access-widening
GRANT INSERT ON things TO lint_reader;
-- strata:ignore down-not-inverse the dropped column is not restored on purpose
SELECT 1;
`,
  [`migrations/${V.suppressed}_suppressed.down.sql`]: `REVOKE ALL ON things FROM lint_reader;
ALTER TABLE things RENAME COLUMN label TO name;
ALTER TABLE things DROP COLUMN tok;
ALTER TABLE things ALTER COLUMN n TYPE integer;
DROP INDEX things_x_idx;
ALTER TABLE things ALTER COLUMN x DROP NOT NULL;
`,
  [`migrations/${V.noDownAck}_no_down_ack.up.sql`]: `-- strata:ignore missing-down comments only, nothing to undo
COMMENT ON TABLE things IS 'things';
`,
  // Widened, and narrowed back by the down: fails once a longer code arrives.
  [`migrations/${V.widen}_widen.up.sql`]: `SET lock_timeout = '5s';
ALTER TABLE items ALTER COLUMN code TYPE text;
`,
  [`migrations/${V.widen}_widen.down.sql`]: `ALTER TABLE items ALTER COLUMN code TYPE varchar(5);
`,
  'schema/010_tables.sql': `CREATE TABLE t_good (id bigint PRIMARY KEY, org_id bigint NOT NULL, seen_at timestamptz, label text);
COMMENT ON TABLE t_good IS 'good';
COMMENT ON COLUMN t_good.id IS 'id';
COMMENT ON COLUMN t_good.org_id IS 'tenant';
COMMENT ON COLUMN t_good.seen_at IS 'when';
COMMENT ON COLUMN t_good.label IS 'label';
ALTER TABLE t_good ENABLE ROW LEVEL SECURITY;
ALTER TABLE t_good FORCE ROW LEVEL SECURITY;
CREATE POLICY t_good_tenant ON t_good USING (org_id = current_setting('app.tenant_id')::bigint);

CREATE TABLE t_bad (id bigint PRIMARY KEY, org_id bigint NOT NULL, seen_at timestamp, code varchar(20), good_id bigint REFERENCES t_good (id));
-- strata:ignore tenant-rls read only through the t_bad_view security barrier view
-- strata:ignore missing-comment generated table
CREATE TABLE t_sup (id bigint PRIMARY KEY, org_id bigint NOT NULL, good_id bigint REFERENCES t_good (id));
CREATE INDEX t_sup_good_idx ON t_sup (good_id);

-- strata:ignore table-pk an append-only log
CREATE TABLE log_sup (at timestamptz);
CREATE TABLE log_bad (at timestamptz);
CREATE TABLE "BadName" (id bigint PRIMARY KEY);

CREATE INDEX t_good_org_idx ON t_good (org_id);
CREATE INDEX t_good_org_idx2 ON t_good (org_id);
CREATE INDEX t_good_org_label_idx ON t_good (org_id, label);
`,
  'schema/020_functions.sql': `CREATE FUNCTION f_bad() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
CREATE FUNCTION f_good() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS 'SELECT 1';
-- strata:ignore security-definer-search-path body names only pg_catalog objects, schema-qualified
CREATE FUNCTION f_sup() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
`,
};

export interface Fixture {
  root: string;
  remove(): Promise<void>;
}

export async function writeFixture(): Promise<Fixture> {
  const root = await mkdtemp(path.join(tmpdir(), 'strata-lint-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
