/**
 * Scratch databases holding the reference schema, through strata's test harness (src/testing): a
 * template is built once per test file from migrations/ by the state builder (or from schema/ with
 * STRATA_SCHEMA_SOURCE=schema), optionally with the deterministic dev seed, and every `schemaDb()`
 * is a clone of it, dropped by the test.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll } from 'vitest';
import { testRun, testServer, type ScratchDb } from '../helpers/server.js';
import { firstOfMonthUtc } from '../../src/seed/index.js';
import { loadConfig } from '../../src/config/index.js';
import { asRole as harnessAsRole, createHarness, type Harness } from '../../src/testing/index.js';
import { seedProfile } from '../../src/seed/index.js';
import { encryptionConfig } from '../../src/runtime/encryption.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Seeded times are relative to this date. The first day of the current month keeps seeded sessions
 * (valid 60 days from it) live whenever the tests run, and rows identical within a run.
 */
export const BASE_DATE = firstOfMonthUtc();

/** The reference project's config (strata.config.json at the root). */
export const CONFIG = await loadConfig(ROOT);
/** The dev seed profile of the reference project. */
export const DEV_PROFILE = seedProfile(CONFIG, 'dev');

const harnesses = new Map<string, Promise<Harness>>();

function harness(seed: boolean): Promise<Harness> {
  const key = seed ? 'dev' : 'none';
  let h = harnesses.get(key);
  if (!h) {
    // The seeded template is the unseeded one plus the seed: the same inputs as `strata test`'s, so a run shares both.
    h = (async () =>
      createHarness({
        root: ROOT,
        server: (await testServer()).target,
        from: seed ? await harness(false) : undefined,
        seed: seed ? 'dev' : false,
        baseDate: BASE_DATE,
        label: seed ? 'ref_seeded' : 'ref',
        shared: testRun(),
        source: process.env.STRATA_SCHEMA_SOURCE === 'schema' ? { kind: 'schemaDir', dir: path.join(ROOT, 'schema') } : undefined,
      }))();
    harnesses.set(key, h);
  }
  return h;
}

// Unshared templates (outside vitest's global setup) live as long as the test file that built them.
afterAll(async () => {
  for (const h of harnesses.values()) await (await h.catch(() => undefined))?.dispose();
  harnesses.clear();
});

export async function schemaDb(opts: { seed?: boolean } = {}): Promise<ScratchDb> {
  return (await harness(Boolean(opts.seed))).database('ref_test');
}

export async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** md5('kind:a[:b]')::uuid — the seed's id scheme, so tests can name seeded rows. */
export function sid(c: pg.Client, kind: string, a: number, b?: number): Promise<string> {
  return c.query<{ id: string }>(`SELECT md5($1)::uuid::text AS id`, [`${kind}:${a}${b === undefined ? '' : `:${b}`}`]).then((r) => r.rows[0]!.id);
}

export type AppRole = 'app_admin' | 'app_analyst' | 'app_viewer' | 'app_system';

const tenancy = loadConfig(ROOT).then((c) => c.tenancy);

/**
 * Run `fn` in a transaction as `role` with the tenant settings given (raw text, so tests can pass
 * empty or malformed values), then roll back: the harness's `asRole`, with the settings named in
 * strata.config.json.
 */
export async function asRole<T>(
  c: pg.Client,
  role: AppRole,
  settings: { tenant?: string | null; user?: string | null },
  fn: () => Promise<T>,
): Promise<T> {
  return harnessAsRole(c, role, settings, fn, { tenancy: await tenancy });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string; constraint?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string; constraint?: string };
  }
  throw new Error('expected the statement to fail, but it succeeded');
}

/**
 * The seed's PUBLIC development key ring (seed/030_encrypted.sql writes users.phone and
 * mfa_factors.secret under "dev-1"): a fixture, not a secret.
 */
export const DEV_KEYS = { keyId: 'dev-1', keys: { 'dev-1': 'strata-dev-key-PUBLIC-never-use-in-production' } } as const;

/** Supply a key ring to the current transaction of `c` the way the runtime does: bound parameters, transaction-local. */
export async function setKeys(c: pg.Client, ring: { keyId: string; keys: Record<string, string> }): Promise<void> {
  const { settings } = encryptionConfig(CONFIG)!;
  await c.query(`SELECT set_config($1, $2, true), set_config($3, $4, true)`, [settings.keys, JSON.stringify(ring.keys), settings.keyId, ring.keyId]);
}
