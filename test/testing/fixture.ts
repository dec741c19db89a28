/**
 * A small project of its own for the harness tests: a tenant-scoped table done
 * right, one with the tenant column but no RLS and an unindexed FK, one whose
 * policy ignores the tenant, a trigger that quietly repairs a CHECK violation, and
 * tables the rows leave empty.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROLE = 'strata_harness_app';

export const SCHEMA = `
CREATE ROLE ${ROLE} NOLOGIN;
CREATE TABLE orgs (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE items (
  id int PRIMARY KEY,
  org_id int NOT NULL REFERENCES orgs,
  qty int NOT NULL CONSTRAINT items_qty_check CHECK (qty > 0),
  code text CONSTRAINT items_code_key UNIQUE,
  starts date, ends date,
  CONSTRAINT items_span_check CHECK (ends >= starts)
);
CREATE INDEX items_org_idx ON items (org_id);
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
CREATE POLICY items_tenant ON items TO ${ROLE} USING (org_id = nullif(current_setting('t.tenant', true), '')::int);
CREATE TABLE leaky (id int PRIMARY KEY, org_id int NOT NULL REFERENCES orgs);
CREATE TABLE open_policy (id int PRIMARY KEY, org_id int NOT NULL);
CREATE INDEX open_policy_org_idx ON open_policy (org_id);
ALTER TABLE open_policy ENABLE ROW LEVEL SECURITY;
ALTER TABLE open_policy FORCE ROW LEVEL SECURITY;
CREATE POLICY open_policy_all ON open_policy TO ${ROLE} USING (true);
CREATE TABLE frozen (id int PRIMARY KEY, org_id int NOT NULL, note text);
CREATE INDEX frozen_org_idx ON frozen (org_id);
ALTER TABLE frozen ENABLE ROW LEVEL SECURITY;
ALTER TABLE frozen FORCE ROW LEVEL SECURITY;
CREATE POLICY frozen_read ON frozen FOR SELECT TO ${ROLE} USING (org_id = nullif(current_setting('t.tenant', true), '')::int);
-- Admits the tenant's rows on the tenant column alone, yet its check can never hold: own-tenant updates are blocked.
CREATE POLICY frozen_edit ON frozen FOR UPDATE TO ${ROLE} USING (org_id = nullif(current_setting('t.tenant', true), '')::int)
  WITH CHECK (org_id = nullif(current_setting('t.tenant', true), '')::int AND org_id < 0);
CREATE TABLE repaired (id int PRIMARY KEY, n int NOT NULL CONSTRAINT repaired_n_check CHECK (n > 0));
CREATE FUNCTION repair() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.n <= 0 THEN NEW.n := 1; END IF; RETURN NEW; END $$;
CREATE TRIGGER repaired_fix BEFORE INSERT ON repaired FOR EACH ROW EXECUTE FUNCTION repair();
-- Left empty by the rows below: the constraints suite synthesises a row (x: a column named like a table alias).
CREATE TABLE empty_table (id int PRIMARY KEY, v int CHECK (v > 0), x int);
CREATE TABLE empty_child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES empty_table, kind text NOT NULL CONSTRAINT empty_child_kind_check CHECK (kind IN ('left', 'right')));
CREATE INDEX empty_child_parent_idx ON empty_child (parent_id);
-- Partitioned and empty: the synthesised row takes a key value its partition's bound names.
CREATE TABLE empty_parted (id int NOT NULL, day date NOT NULL, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
CREATE TABLE empty_parted_2026 PARTITION OF empty_parted FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- No row can satisfy this CHECK, so none is synthesised.
CREATE TABLE impossible (id int PRIMARY KEY, v int NOT NULL CONSTRAINT impossible_v_check CHECK (v > 0 AND v < 0));
GRANT SELECT, INSERT, UPDATE, DELETE ON items, leaky, open_policy TO ${ROLE};
GRANT SELECT, UPDATE ON frozen TO ${ROLE};
`;

export const ROWS = `
INSERT INTO orgs VALUES (1, 'one'), (2, 'two');
INSERT INTO items VALUES (1, 1, 5, 'a', '2026-01-01', '2026-02-01'), (2, 2, 3, 'b', NULL, NULL), (3, 1, 1, NULL, NULL, NULL);
INSERT INTO leaky VALUES (1, 1), (2, 2);
INSERT INTO open_policy VALUES (1, 1), (2, 2);
INSERT INTO frozen VALUES (1, 1, 'x'), (2, 2, 'y');
INSERT INTO repaired VALUES (1, 4);
`;

export const CONFIG = JSON.stringify({ tenancy: { column: 'org_id', roles: [ROLE], settings: { tenant: 't.tenant' } } });

export interface FixtureProject {
  root: string;
  remove(): Promise<void>;
}

export async function fixtureProject(extra: Record<string, string> = {}): Promise<FixtureProject> {
  const root = await mkdtemp(path.join(tmpdir(), 'strata-harness-'));
  const files: Record<string, string> = { 'strata.config.json': CONFIG, 'schema/001.sql': SCHEMA, ...extra };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
