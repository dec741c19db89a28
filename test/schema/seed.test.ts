import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type pg from 'pg';
import type { ScratchDb } from '../helpers/server.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { seedDatabase, seedParams, seedProfile, seedProfiles, seedTargetProblem } from '../../src/seed/index.js';
import { loadConfig } from '../../src/config/index.js';
import { StrataError } from '../../src/core/diagnostic.js';
import { testServer } from '../helpers/server.js';
import { snapshotDatabase } from '../../src/state/index.js';
import { listDifferences } from '../../src/diff/index.js';
import { client, CONFIG, DEV_KEYS, DEV_PROFILE, ROOT, schemaDb, setKeys } from './fixture.js';

const SCALE_PROFILE = seedProfile(CONFIG, 'scale');

describe('seed target guard', () => {
  it.each([
    ['postgres://h/strata_dev', true],
    ['postgres://localhost/app_test', true],
    ['postgres://localhost/strata_scratch_types_1_ab', true],
    ['postgres://localhost/bench2', true],
    ['postgres://localhost/postgres', false],
    ['postgres://localhost/billing', false],
    ['postgres://db.prod.internal/app_dev', false],
    ['postgres://localhost/production_test', false],
  ])('%s may be seeded without --force: %s', (url, ok) => {
    expect(seedTargetProblem(url) === undefined).toBe(ok);
  });

  it('sizes the scaled dataset as documented: N=1000 is 1M projects and 10M tasks', () => {
    const p = seedParams(SCALE_PROFILE, 1000);
    expect(p.tenants! * p.projects_per_tenant!).toBe(1_000_000);
    expect(p.tenants! * p.projects_per_tenant! * p.tasks_per_project!).toBe(10_000_000);
    expect(SCALE_PROFILE.bulk).toBe(true);
    expect(DEV_PROFILE.bulk).toBe(false);
  });
});

describe('seed profiles from the project config', () => {
  async function configWith(seedProfilesJson: string) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-seedcfg-'));
    await writeFile(path.join(dir, 'strata.config.json'), `{ "seedProfiles": ${seedProfilesJson} }`);
    try {
      return await loadConfig(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('reads fixed and k*N parameters', async () => {
    const cfg = await configWith('{ "small": { "params": { "rows": "3*N", "width": 2, "n_times": "N * 4", "just_n": "N" } } }');
    const p = seedProfile(cfg, 'small');
    expect(seedParams(p, 5)).toEqual({ rows: 15, width: 2, n_times: 20, just_n: 5 });
    expect(seedParams(p)).toEqual({ rows: 3, width: 2, n_times: 4, just_n: 1 });
  });

  it.each([
    ['{ "p": { "params": { "rows": "N+1" } } }', /integer or "k\*N"/],
    ['{ "p": { "params": { "rows": 1.5 } } }', /integer or "k\*N"/],
    ['{ "p": { "params": { "Rows": 1 } } }', /lower-case identifier/],
    ['{ "p": { "params": { "scale": 1 } } }', /other than base and scale/],
    ['{ "p": { "param": {} } }', /unknown key "param"/],
    ['{ "p": { "bulk": "yes", "params": {} } }', /bulk must be true or false/],
    ['[]', /must be an object of named profiles/],
  ])('refuses %s as a config error', async (json, message) => {
    const cfg = await configWith(json);
    const e = (() => {
      try {
        seedProfiles(cfg);
      } catch (err) {
        return err as StrataError;
      }
      throw new Error('expected a config error');
    })();
    expect(e.diagnostic.code).toBe('config.invalid');
    expect(e.message).toMatch(message);
  });

  it('names the configured profiles when asked for a missing one', async () => {
    expect(() => seedProfile(CONFIG, 'huge')).toThrow(/no seed profile "huge"/);
    try {
      seedProfile(CONFIG, 'huge');
    } catch (e) {
      expect((e as StrataError).diagnostic.hint).toBe('configured profiles: dev, scale');
    }
  });
});

describe('seeding a project that is not the reference app', () => {
  it('runs its own seed files with its own profile, and refuses a target without tables or with rows', async () => {
    const server = await testServer();
    const db = await server.scratch({ prefix: 'strata_seed_generic_test' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-seed-'));
    try {
      await writeFile(path.join(dir, '10_widgets.sql'), 'INSERT INTO widgets (n) SELECT g FROM seed_params s, generate_series(1, s.rows) g;\n');
      await writeFile(path.join(dir, '20_parts.sql'), 'INSERT INTO inventory.parts (w) SELECT n FROM widgets WHERE n <= (SELECT width FROM seed_params);\n');
      const profile = { name: 'tiny', bulk: false, params: { rows: { perScale: 3 }, width: { value: 2 } } };
      const empty = await seedDatabase(db.url, { seedDir: dir, profile, force: true }).catch((e: unknown) => e);
      expect((empty as StrataError).diagnostic.code).toBe('seed.no-schema');

      const c = await client(db.url);
      try {
        await c.query('CREATE TABLE widgets (n int PRIMARY KEY); CREATE SCHEMA inventory; CREATE TABLE inventory.parts (w int REFERENCES widgets)');
      } finally {
        await c.end();
      }
      const r = await seedDatabase(db.url, { seedDir: dir, profile, scale: 4, force: true });
      expect(r.rows).toEqual({ widgets: 12, 'inventory.parts': 2 });
      expect(r).toMatchObject({ profile: 'tiny', scale: 4 });

      const again = await seedDatabase(db.url, { seedDir: dir, profile, force: true }).catch((e: unknown) => e);
      expect((again as StrataError).diagnostic.code).toBe('seed.not-empty');
      expect((again as StrataError).message).toMatch(/already holds rows \(in inventory\.parts, widgets\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});

describe('bulk seeding', () => {
  it('drops secondary indexes for the load and puts back exactly the catalog it found, partitioned indexes included', async () => {
    const server = await testServer();
    const db = await server.scratch({ prefix: 'strata_seed_bulk_test' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-seed-'));
    try {
      const c = await client(db.url);
      try {
        await c.query(`
          CREATE TABLE hits (id int, at date NOT NULL, who int, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
          CREATE TABLE hits_2026 PARTITION OF hits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
          CREATE TABLE hits_rest PARTITION OF hits DEFAULT;
          CREATE INDEX "hits by who" ON hits (who, at DESC);
          CREATE UNIQUE INDEX hits_who_at ON hits (who, at) WHERE who IS NOT NULL;
          CREATE TABLE plain (n int PRIMARY KEY, m int);
          CREATE INDEX plain_m ON plain (m);`);
      } finally {
        await c.end();
      }
      await writeFile(path.join(dir, '10_hits.sql'), "INSERT INTO hits SELECT g, date '2026-01-01' + g % 400, g FROM generate_series(1, 50) g;\nINSERT INTO plain SELECT g, g FROM generate_series(1, 5) g;\n");
      const before = await snapshotDatabase(db.url);
      await seedDatabase(db.url, { seedDir: dir, profile: { name: 'bulky', bulk: true, params: {} }, force: true });
      expect(listDifferences(before, await snapshotDatabase(db.url))).toEqual([]);
      // Every partitioned index is valid again and has its index on each partition.
      const c2 = await client(db.url);
      try {
        const { rows } = await c2.query<{ idx: string; valid: boolean; parts: number }>(`
          SELECT i.indexrelid::regclass::text AS idx, i.indisvalid AS valid,
                 (SELECT count(*)::int FROM pg_inherits h WHERE h.inhparent = i.indexrelid) AS parts
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = 'hits' ORDER BY 1`);
        expect(rows).toEqual([
          { idx: '"hits by who"', valid: true, parts: 2 },
          { idx: 'hits_pkey', valid: true, parts: 2 },
          { idx: 'hits_who_at', valid: true, parts: 2 },
        ]);
      } finally {
        await c2.end();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});

describe('seeding', () => {
  let a: ScratchDb;
  let b: ScratchDb;
  let ca: pg.Client;
  let cb: pg.Client;

  beforeAll(async () => {
    [a, b] = await Promise.all([schemaDb({ seed: true }), schemaDb()]);
    ca = await client(a.url);
    cb = await client(b.url);
  });

  afterAll(async () => {
    await ca?.end();
    await cb?.end();
    await a?.drop();
    await b?.drop();
  });

  /**
   * Per table: md5 over every row (minus columns defaulting to now()), in a stable order. Encrypted
   * columns count by their plaintext (decrypted with the seed's public key): their ciphertext is
   * randomised, by design.
   */
  async function fingerprint(c: pg.Client): Promise<Record<string, string>> {
    await c.query('BEGIN');
    try {
      await setKeys(c, DEV_KEYS);
      return await fingerprintIn(c);
    } finally {
      await c.query('ROLLBACK');
    }
  }

  async function fingerprintIn(c: pg.Client): Promise<Record<string, string>> {
    const tables = (
      await c.query<{ t: string }>(
        `SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> 'audit_log' ORDER BY 1`,
      )
    ).rows.map((r) => r.t);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const encrypted = (
        await c.query<{ col: string }>(
          `SELECT quote_ident(attname) AS col FROM pg_attribute WHERE attrelid = $1::regclass AND atttypid = 'encrypted_text'::regtype AND NOT attisdropped`,
          [t],
        )
      ).rows.map((r) => r.col);
      const plain = encrypted.map((col) => ` || jsonb_build_object('${col}', decrypt_sensitive(x.${col}))`).join('');
      const { rows } = await c.query<{ h: string; n: string }>(
        `SELECT md5(coalesce(string_agg(j::text, E'\\n' ORDER BY j::text), '')) AS h, count(*) AS n
           FROM (SELECT to_jsonb(x) - 'created_at' - 'updated_at' - 'joined_at' - 'last_active_at'${plain} AS j FROM ${t} x) s`,
      );
      out[t] = `${rows[0]!.n}:${rows[0]!.h}`;
    }
    return out;
  }

  it('is deterministic: the same options give the same rows in another database', async () => {
    const result = await seedDatabase(b.url, { seedDir: path.join(ROOT, 'seed'), profile: DEV_PROFILE, force: true, baseDate: (await import('./fixture.js')).BASE_DATE });
    expect(result.rows.tasks).toBe(3 * 12 * 15);
    const [fa, fb] = [await fingerprint(ca), await fingerprint(cb)];
    expect(fb).toEqual(fa);
    expect(Object.values(fa).filter((v) => v.startsWith('0:')).length).toBeLessThanOrEqual(1); // only email_verifications is empty
  });

  it('gives people different roles and spreads events over several partitions', async () => {
    const roles = await ca.query<{ key: string }>(`SELECT DISTINCT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id ORDER BY 1`);
    expect(roles.rows.map((r) => r.key)).toEqual(['contributor', 'org_admin', 'project_manager', 'viewer']);
    const parts = await ca.query<{ n: string }>(`SELECT count(DISTINCT tableoid) AS n FROM events`);
    expect(Number(parts.rows[0]!.n)).toBeGreaterThanOrEqual(4);
    const depth = await ca.query<{ d: number }>(
      `WITH RECURSIVE t AS (SELECT id, 0 AS d FROM tasks WHERE parent_id IS NULL UNION ALL SELECT c.id, t.d + 1 FROM tasks c JOIN t ON c.parent_id = t.id) SELECT max(d) AS d FROM t`,
    );
    expect(depth.rows[0]!.d).toBeGreaterThanOrEqual(2);
  });

  it('refuses a non-empty target and a target that does not look like a dev database', async () => {
    const again = await seedDatabase(a.url, { seedDir: path.join(ROOT, 'seed'), profile: DEV_PROFILE, force: true }).catch((e: unknown) => e);
    expect((again as StrataError).diagnostic.code).toBe('seed.not-empty');
    expect((again as StrataError).message).toMatch(/already holds rows \(in analyses, [a-z_, ]+, \.\.\. \(\d+ tables\)\)$/);
    const prod = await seedDatabase(a.url.replace(/\/[^/]+$/, '/postgres'), { seedDir: path.join(ROOT, 'seed'), profile: DEV_PROFILE }).catch((e: unknown) => e);
    expect((prod as StrataError).diagnostic.code).toBe('seed.target');
  });

  it('loads a scaled dataset in bulk mode and rebuilds the indexes it dropped', async () => {
    const c = await schemaDb();
    try {
      const cc = await client(c.url);
      try {
        const before = (await cc.query<{ n: string }>(`SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) AS n FROM pg_indexes i JOIN pg_class t ON t.relname = i.tablename AND t.relnamespace = 'public'::regnamespace WHERE i.schemaname = 'public' AND NOT t.relispartition`)).rows[0]!.n;
        const r = await seedDatabase(c.url, { seedDir: path.join(ROOT, 'seed'), profile: { ...SCALE_PROFILE, params: { ...SCALE_PROFILE.params, tenants: { value: 2 } } }, force: true });
        expect(r.rows.projects).toBe(200);
        expect(r.rows.tasks).toBe(2000);
        expect(r.rows.audit_log).toBe(0); // bulk mode skips row triggers
        const after = (await cc.query<{ n: string }>(`SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) AS n FROM pg_indexes i JOIN pg_class t ON t.relname = i.tablename AND t.relnamespace = 'public'::regnamespace WHERE i.schemaname = 'public' AND NOT t.relispartition`)).rows[0]!.n;
        expect(after).toBe(before);
      } finally {
        await cc.end();
      }
    } finally {
      await c.drop();
    }
  });
});
