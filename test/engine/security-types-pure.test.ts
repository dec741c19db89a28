/**
 * Rules for row-level security, policies, privileges, default privileges, domains
 * and composite types on hand-built snapshots: no database. The same cases run on
 * real PostgreSQL in security-types-partitions.test.ts; these pin the decisions
 * (alter in place or recreate, which GRANT/REVOKE) and run in milliseconds.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogObject, CompositeTypeObject, DefaultPrivilegeObject, DomainObject, PolicyObject, PrivilegeObject, Snapshot } from '../../src/core/model/index.js';
import { normalizeSnapshot, SNAPSHOT_FORMAT } from '../../src/core/model/index.js';
import { diffSnapshots } from '../../src/engine/index.js';

const snap = (...objects: CatalogObject[]): Snapshot => normalizeSnapshot({ format: SNAPSHOT_FORMAT, serverVersion: 180000, objects });

const schema: CatalogObject = { kind: 'schema', id: 'schema:public', parent: null, comment: null, dependsOn: [], name: 'public', qname: 'public' };
const table: CatalogObject = {
  kind: 'table', id: 'table:public.t', parent: null, comment: null, dependsOn: ['schema:public'], schema: 'public', name: 't',
  qname: 'public.t', unlogged: false, partitionKey: null, partitionOf: null, inherits: [],
} as CatalogObject;

const policy = (over: Partial<PolicyObject>): PolicyObject => ({
  kind: 'policy', id: 'policy:public.t.p', parent: 'table:public.t', comment: null, dependsOn: ['table:public.t'], table: 'public.t',
  name: 'p', qname: 'p', permissive: true, command: 'ALL', roles: ['PUBLIC'], using: '(id > 0)', check: null, ...over,
});

const grant = (over: Partial<PrivilegeObject>): PrivilegeObject => ({
  kind: 'privilege', id: 'privilege:table:public.t:bob', parent: 'table:public.t', comment: null, dependsOn: ['table:public.t', 'role:postgres'],
  targetType: 'TABLE', target: 'public.t', schema: 'public', column: null, grantee: 'bob', privileges: [], grantable: [], ...over,
});

describe('policies', () => {
  it('roles, USING and WITH CHECK change with one ALTER POLICY', () => {
    const plan = diffSnapshots(snap(schema, table, policy({})), snap(schema, table, policy({ roles: ['alice', 'bob'], using: '(id > 1)', check: '(id < 9)' })));
    expect(plan.up).toBe('ALTER POLICY p ON public.t TO alice, bob USING ((id > 1)) WITH CHECK ((id < 9));\n');
    // Down cannot take the WITH CHECK clause away with ALTER POLICY: it recreates the policy.
    expect(plan.down).toContain('DROP POLICY p ON public.t;\nCREATE POLICY p ON public.t AS PERMISSIVE FOR ALL TO PUBLIC USING ((id > 0));');
  });

  it('command or restrictiveness change recreates the policy', () => {
    for (const over of [{ command: 'SELECT' }, { permissive: false }]) {
      const plan = diffSnapshots(snap(schema, table, policy({})), snap(schema, table, policy(over)));
      expect(plan.up).toMatch(/^DROP POLICY p ON public.t;\nCREATE POLICY p ON public.t AS /);
    }
  });

  it('row security is switched on after the policies and off before they go', () => {
    const rls: CatalogObject = { kind: 'row_security', id: 'row_security:public.t', parent: 'table:public.t', comment: null, dependsOn: ['table:public.t'], table: 'public.t', enabled: true, forced: true };
    const plan = diffSnapshots(snap(schema, table), snap(schema, table, policy({}), rls));
    expect(plan.up.split('\n').slice(0, 3)).toEqual([
      'CREATE POLICY p ON public.t AS PERMISSIVE FOR ALL TO PUBLIC USING ((id > 0));',
      'ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;',
      'ALTER TABLE public.t FORCE ROW LEVEL SECURITY;',
    ]);
    expect(plan.down.split('\n').slice(0, 3)).toEqual([
      'ALTER TABLE public.t DISABLE ROW LEVEL SECURITY;',
      'ALTER TABLE public.t NO FORCE ROW LEVEL SECURITY;',
      'DROP POLICY p ON public.t;',
    ]);
  });
});

describe('privileges', () => {
  it('grants, revokes and grant options change one privilege at a time', () => {
    const a = grant({ privileges: ['INSERT', 'SELECT', 'UPDATE'], grantable: ['UPDATE'] });
    const b = grant({ privileges: ['DELETE', 'SELECT', 'UPDATE'], grantable: ['DELETE', 'SELECT'] });
    expect(diffSnapshots(snap(schema, table, a), snap(schema, table, b)).up).toBe(
      [
        'REVOKE INSERT ON TABLE public.t FROM bob;',
        'REVOKE GRANT OPTION FOR UPDATE ON TABLE public.t FROM bob;',
        'GRANT DELETE, SELECT ON TABLE public.t TO bob WITH GRANT OPTION;',
        '',
      ].join('\n'),
    );
  });

  it('column privileges name the column', () => {
    const c = grant({ id: 'privilege:table:public.t(id):bob', column: 'id', privileges: ['SELECT', 'UPDATE'] });
    expect(diffSnapshots(snap(schema, table), snap(schema, table, c)).up).toContain('GRANT SELECT (id), UPDATE (id) ON TABLE public.t TO bob;');
  });

  it('a new function keeps PUBLIC EXECUTE unless the desired state revoked it', () => {
    const fn = { kind: 'function', id: 'function:public.f()', parent: null, comment: null, dependsOn: ['schema:public'], schema: 'public', name: 'f', qname: 'public.f', routine: 'function', signature: 'public.f()', arguments: '', result: 'integer', definition: 'CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\nAS $function$ SELECT 1 $function$' } as unknown as CatalogObject;
    const pub = (privileges: string[]) => grant({ id: 'privilege:function:public.f():PUBLIC', parent: 'function:public.f()', dependsOn: ['function:public.f()', 'role:postgres'], targetType: 'FUNCTION', target: 'public.f()', grantee: 'PUBLIC', privileges });
    expect(diffSnapshots(snap(schema), snap(schema, fn, pub(['EXECUTE']))).up).not.toContain('EXECUTE');
    expect(diffSnapshots(snap(schema), snap(schema, fn, pub([]))).up).toContain('REVOKE EXECUTE ON FUNCTION public.f() FROM PUBLIC;');
  });

  it('a new table drops a default privilege its creator would get and the desired state lacks', () => {
    const adp: DefaultPrivilegeObject = {
      kind: 'default_privilege', id: 'default_privilege:postgres.public.TABLES.bob', parent: null, comment: null, dependsOn: ['schema:public'],
      role: 'postgres', schema: 'public', objectClass: 'TABLES', grantee: 'bob', privileges: ['INSERT', 'SELECT'], grantable: [],
    };
    const plan = diffSnapshots(snap(schema, adp), snap(schema, adp, table, grant({ privileges: ['SELECT'] })));
    expect(plan.up).toContain('REVOKE INSERT ON TABLE public.t FROM bob;');
    expect(plan.up).not.toContain('GRANT');
  });

  it('a global default-privilege entry for PUBLIC goes back to the built-in default when dropped', () => {
    const adp: DefaultPrivilegeObject = {
      kind: 'default_privilege', id: 'default_privilege:app.*.FUNCTIONS.PUBLIC', parent: null, comment: null, dependsOn: [],
      role: 'app', schema: null, objectClass: 'FUNCTIONS', grantee: 'PUBLIC', privileges: [], grantable: [],
    };
    const plan = diffSnapshots(snap(schema, adp), snap(schema));
    expect(plan.up).toBe('ALTER DEFAULT PRIVILEGES FOR ROLE app GRANT EXECUTE ON FUNCTIONS TO PUBLIC;\n');
    expect(plan.down).toBe('ALTER DEFAULT PRIVILEGES FOR ROLE app REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n');
  });
});

describe('domains and composite types', () => {
  const domain = (over: Partial<DomainObject>): DomainObject => ({
    kind: 'domain', id: 'domain:public.d', parent: null, comment: null, dependsOn: ['schema:public'], schema: 'public', name: 'd', qname: 'public.d',
    baseType: 'integer', collation: null, default: null, notNull: false, constraints: [], ...over,
  });

  it('constraints are added NOT VALID, validated, redefined and dropped with ALTER DOMAIN', () => {
    const c = (name: string, definition: string, validated = true) => ({ name, qname: name, definition, validated });
    const a = domain({ constraints: [c('a', 'CHECK ((VALUE > 0))'), c('b', 'CHECK ((VALUE < 9))', false), c('gone', 'CHECK (true)')] });
    const b = domain({ notNull: true, default: '1', constraints: [c('a', 'CHECK ((VALUE > 1))'), c('b', 'CHECK ((VALUE < 9))'), c('new', 'CHECK ((VALUE <> 5))', false)] });
    expect(diffSnapshots(snap(schema, a), snap(schema, b)).up).toBe(
      [
        'ALTER DOMAIN public.d SET DEFAULT 1;',
        'ALTER DOMAIN public.d SET NOT NULL;',
        'ALTER DOMAIN public.d DROP CONSTRAINT a;',
        'ALTER DOMAIN public.d DROP CONSTRAINT gone;',
        'ALTER DOMAIN public.d ADD CONSTRAINT a CHECK ((VALUE > 1));',
        'ALTER DOMAIN public.d VALIDATE CONSTRAINT b;',
        'ALTER DOMAIN public.d ADD CONSTRAINT new CHECK ((VALUE <> 5)) NOT VALID;',
        '',
      ].join('\n'),
    );
  });

  it('a base type change renames the old domain away, creates the new one and drops the old', () => {
    expect(diffSnapshots(snap(schema, domain({})), snap(schema, domain({ baseType: 'bigint' }))).up).toBe(
      'ALTER DOMAIN public.d RENAME TO d__strata_old;\nCREATE DOMAIN public.d AS bigint;\nDROP DOMAIN public.d__strata_old;\n',
    );
  });

  it('composite attributes are dropped, retyped and appended in place; a reorder recreates', () => {
    const attr = (name: string, type = 'integer') => ({ name, qname: name, type, collation: null });
    const ty = (attributes: CompositeTypeObject['attributes']): CompositeTypeObject => ({
      kind: 'composite_type', id: 'composite_type:public.c', parent: null, comment: null, dependsOn: ['schema:public'], schema: 'public', name: 'c', qname: 'public.c', attributes,
    });
    expect(diffSnapshots(snap(schema, ty([attr('a'), attr('b'), attr('c')])), snap(schema, ty([attr('a', 'bigint'), attr('c'), attr('d', 'text')]))).up).toBe(
      'ALTER TYPE public.c DROP ATTRIBUTE b, ALTER ATTRIBUTE a TYPE bigint, ADD ATTRIBUTE d text;\n',
    );
    expect(diffSnapshots(snap(schema, ty([attr('a'), attr('b')])), snap(schema, ty([attr('b'), attr('a')]))).up).toBe(
      'DROP TYPE public.c;\nCREATE TYPE public.c AS (b integer, a integer);\n',
    );
  });
});
