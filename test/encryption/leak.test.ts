/**
 * The per-transaction encryption keys never leak out of the transaction that received them: not into
 * pg_stat_statements (track = all, utility statements included), not into pg_stat_activity as another
 * session sees it afterwards, not into the server log at default log settings (errors and their
 * STATEMENT lines included), and not into the next transaction of the same connection. The keys travel
 * the way the runtime sends them (withTenant({keys}) / withKeys: set_config with bound parameters).
 * A control sends a key as a literal in SET LOCAL and shows that each probe would have caught it.
 * Needs its own cluster (embedded PostgreSQL 18) with pg_stat_statements preloaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectionPool } from '@databases/pg';
import { clusterPaths, removeCluster, startCluster, stopCluster } from '../../src/cluster/embedded.js';
import { connect, sql } from '../../src/db/connect.js';
import { loadConfig } from '../../src/config/index.js';
import { encryptionConfig, encryptionRuntime, tenantRuntime, type KeyRing } from '../../src/runtime/index.js';
import { buildInto } from '../../src/state/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIG = await loadConfig(ROOT);
const ENCRYPTION = encryptionConfig(CONFIG)!;
const { withTenant } = tenantRuntime(CONFIG.tenancy, ENCRYPTION);
const { withKeys } = encryptionRuntime(ENCRYPTION);

/** Random keys, so any occurrence anywhere can only come from this test. */
const key = () => randomBytes(32).toString('base64');
const OLD: KeyRing = { keyId: 'leak-old', keys: { 'leak-old': key() } };
const ROTATE: KeyRing = { keyId: 'leak-new', keys: { 'leak-old': OLD.keys['leak-old']!, 'leak-new': key() } };
const WRONG: KeyRing = { keyId: 'leak-old', keys: { 'leak-old': key() } };
const SECRETS = [...Object.values(ROTATE.keys), ...Object.values(WRONG.keys)];
/** A distinctive part of each key, so a truncated or re-quoted copy is caught too. */
const FRAGMENTS = SECRETS.map((k) => k.slice(4, 24));

let tmp: string;
let cwd: string;
let log: string;
let db: ConnectionPool;
let observer: ConnectionPool;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'strata-leak-'));
  cwd = path.join(tmp, 'project');
  const dir = path.join(tmp, 'pg');
  const paths = clusterPaths(cwd, dir);
  await startCluster({ cwd, dir });
  await stopCluster({ cwd, dir });
  // Preloading needs a restart; track = all records the statements inside the encryption functions too.
  await appendFile(path.join(paths.data, 'postgresql.conf'), "\nshared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all\n");
  const { url } = await startCluster({ cwd, dir });
  log = paths.log;
  const admin = connect(url!, { poolSize: 1 });
  await admin.query(sql`CREATE DATABASE leak`);
  await admin.dispose();
  const target = url!.replace(/\/postgres(\?|$)/, '/leak$1');
  await buildInto({ kind: 'migrationsDir', dir: path.resolve(ROOT, CONFIG.paths.migrations) }, target);
  db = connect(target, { poolSize: 1, applicationName: 'leak app' });
  observer = connect(target, { poolSize: 1, applicationName: 'leak observer' });
  await observer.query(sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  await observer.query(sql`SELECT pg_stat_statements_reset()`);
}, 240_000);

afterAll(async () => {
  await db?.dispose();
  await observer?.dispose();
  if (cwd) await removeCluster({ cwd, dir: path.join(tmp, 'pg') }).catch(() => undefined);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const TENANT = '00000000-0000-4000-8000-000000000001';

/** Every place a key could surface after the fact, as text. */
async function surfaces(): Promise<{ pg_stat_statements: string; pg_stat_activity: string; "server log": string }> {
  const statements = (await observer.query(sql`SELECT query FROM pg_stat_statements`)) as { query: string }[];
  const activity = (await observer.query(sql`SELECT coalesce(query, '') AS query FROM pg_stat_activity WHERE pid <> pg_backend_pid()`)) as { query: string }[];
  return {
    pg_stat_statements: statements.map((r) => r.query).join('\n'),
    pg_stat_activity: activity.map((r) => r.query).join('\n'),
    'server log': await readFile(log, 'utf8'),
  };
}

const leaks = (text: string, fragments: string[]) => fragments.filter((f) => text.includes(f));

describe('encryption keys stay inside their transaction', () => {
  it('withTenant({keys}) and withKeys: round trip, rotation batch, fail-closed errors; no key in pg_stat_statements, pg_stat_activity or the server log', async () => {
    // A round trip as an application role, through withTenant.
    const back = await withTenant(db, { role: 'app_admin', tenantId: TENANT, keys: OLD }, async (tx) => {
      const [r] = (await tx.query(sql`SELECT decrypt_sensitive(encrypt_sensitive(${'+4930 1234567'})) AS v`)) as { v: string }[];
      return r!.v;
    });
    expect(back).toBe('+4930 1234567');

    // A value under the old key, then a rotation to the new one (both keys supplied), as the superuser.
    await withKeys(db, OLD, (tx) => tx.query(sql`CREATE TABLE leak_values AS SELECT encrypt_sensitive(${'secret value'}) AS v`));
    const rotated = await withKeys(db, ROTATE, async (tx) => {
      await tx.query(sql`UPDATE leak_values SET v = encrypt_sensitive(decrypt_sensitive(v))`);
      // The schema's own rotation batch (no users or MFA rows here: nothing to re-encrypt).
      expect(await tx.query(sql`SELECT reencrypt_sensitive_batch(${'leak-old'}, 10) AS n`)).toEqual([{ n: 0 }]);
      const [r] = (await tx.query(sql`SELECT encryption_key_id(v) AS id, decrypt_sensitive(v) AS v FROM leak_values`)) as { id: string; v: string }[];
      return r!;
    });
    expect(rotated).toEqual({ id: 'leak-new', v: 'secret value' });

    // Errors are logged with their STATEMENT at default settings: a wrong key, and a read without the value's key.
    await expect(withKeys(db, WRONG, (tx) => tx.query(sql`SELECT decrypt_sensitive(encrypt_sensitive('x')) AS v, decrypt_sensitive(v) FROM leak_values`))).rejects.toThrow();
    await expect(withKeys(db, OLD, (tx) => tx.query(sql`SELECT decrypt_sensitive(v) FROM leak_values`))).rejects.toThrow(/not supplied/);

    // The same connection's next transaction has no keys left.
    const [after] = (await db.query(sql`SELECT coalesce(current_setting('app.encryption_keys', true), '') AS k, coalesce(current_setting('app.encryption_key_id', true), '') AS id`)) as { k: string; id: string }[];
    expect(after).toEqual({ k: '', id: '' });

    const found = await surfaces();
    // The probes see the work: the statements and the errors are there, only the keys are not.
    expect(found.pg_stat_statements).toMatch(/set_config/);
    expect(found.pg_stat_statements).toMatch(/decrypt_sensitive\(encrypt_sensitive\(\$1\)\)/);
    expect(found['server log']).toMatch(/not supplied in this transaction/);
    expect(found['server log']).toMatch(/STATEMENT:/);
    for (const [where, text] of Object.entries(found)) expect(leaks(text, FRAGMENTS), where).toEqual([]);
  });

  it('control: a key sent as a literal is caught by the same probes', async () => {
    const literal = key();
    const fragment = [literal.slice(4, 24)];
    const during = await db.tx(async (tx) => {
      // PostgreSQL 18's pg_stat_statements replaces the constant of a SET by $1, but not a DO block's body.
      await tx.query(sql.__dangerous__rawValue(`DO $$BEGIN PERFORM set_config('app.encryption_keys', '{"leak-control": "${literal}"}', true); END$$`));
      return surfaces();
    });
    // An error in a statement that holds the literal writes it to the log with the STATEMENT line.
    await expect(db.query(sql.__dangerous__rawValue(`SELECT encrypt_sensitive('x') WHERE '${literal}' <> ''`))).rejects.toThrow(/key id/);
    const found = await surfaces();
    expect(leaks(during.pg_stat_activity, fragment)).toEqual(fragment);
    expect(leaks(found.pg_stat_statements, fragment)).toEqual(fragment);
    expect(leaks(found['server log'], fragment)).toEqual(fragment);
    // The runtime's keys are still nowhere.
    for (const [where, text] of Object.entries(found)) expect(leaks(text, FRAGMENTS), where).toEqual([]);
  });
});
