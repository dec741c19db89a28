/**
 * Sensitive-field encryption on the reference schema (schema/022_encryption.sql, 135_key_rotation.sql):
 * round trips, fail-closed reads, wrong keys, the runtime's key ring, and a key rotation in batches
 * while readers keep reading. The seeded phone numbers and TOTP secrets are under the seed's public
 * development key (DEV_KEYS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { ConnectionPool } from '@databases/pg';
import type { ScratchDb } from '../helpers/server.js';
import { connect, sql } from '../../src/db/connect.js';
import { encryptionConfig, encryptionRuntime, runQuery, tenantRuntime } from '../../src/runtime/index.js';
import { memberContact, setOwnPhone } from '../../queries/users.queries.js';
import { confirmedMfaSecrets, enrolMfaFactor } from '../../queries/access.queries.js';
import { CONFIG, DEV_KEYS, asRole, client, rejection, schemaDb, setKeys, sid } from './fixture.js';

const ENCRYPTION = encryptionConfig(CONFIG)!;
const { withTenant } = tenantRuntime(CONFIG.tenancy, ENCRYPTION);
const { withKeys, setKeys: setRing } = encryptionRuntime(ENCRYPTION);

let db: ScratchDb;
let c: pg.Client;
let acme: string;
let ada: string;

beforeAll(async () => {
  db = await schemaDb({ seed: true });
  c = await client(db.url);
  [acme, ada] = [await sid(c, 'org', 1), await sid(c, 'user', 1)];
});

afterAll(async () => {
  await c?.end();
  await db?.drop();
});

const one = async <T>(text: string, params: unknown[] = []): Promise<T> => (await c.query(text, params)).rows[0] as T;
const newKey = () => randomBytes(32).toString('base64');
/** The seed's phone number of user g (odd g only) and TOTP secret (g divisible by 3). */
const seededPhone = (g: number) => `+4930${String(g).padStart(7, '0')}`;

/** Every encrypted_text column of the schema, from the catalog. */
async function encryptedColumns(): Promise<{ tbl: string; col: string }[]> {
  return (
    await c.query<{ tbl: string; col: string }>(
      `SELECT c.relname AS tbl, a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT a.attisdropped
          AND a.atttypid = 'encrypted_text'::regtype ORDER BY 1, 2`,
    )
  ).rows;
}

describe('encrypted values', () => {
  it('round trip: written under the write key, read back with it; the envelope records the key id', async () => {
    await asRole(c, 'app_system', {}, async () => {
      await setKeys(c, DEV_KEYS);
      const a = await one<{ v: Buffer; id: string; back: string }>(
        `SELECT v, encryption_key_id(v) AS id, decrypt_sensitive(v) AS back FROM (SELECT encrypt_sensitive('+4915112345678') AS v) x`,
      );
      expect(a).toMatchObject({ id: 'dev-1', back: '+4915112345678' });
      expect(a.v.includes(Buffer.from('4915112345678'))).toBe(false);
      // Randomised: the same plaintext never gives the same bytes.
      const b = await one<{ v: Buffer }>(`SELECT encrypt_sensitive('+4915112345678') AS v`);
      expect(b.v.equals(a.v)).toBe(false);
      expect(await one(`SELECT decrypt_sensitive(phone) AS phone FROM users WHERE id = $1`, [ada])).toEqual({ phone: seededPhone(1) });
      expect(await one(`SELECT encrypt_sensitive(NULL) AS v`)).toEqual({ v: null });
    });
  });

  it('every encrypted column is seeded, and only with envelopes', async () => {
    const cols = await encryptedColumns();
    expect(cols).toEqual([{ tbl: 'mfa_factors', col: 'secret' }, { tbl: 'users', col: 'phone' }]);
    for (const { tbl, col } of cols) {
      const r = await one<{ n: string; ids: string[] }>(`SELECT count(${col}) AS n, array_agg(DISTINCT encryption_key_id(${col})) FILTER (WHERE ${col} IS NOT NULL) AS ids FROM ${tbl}`);
      expect(Number(r.n), `${tbl}.${col}`).toBeGreaterThan(5);
      expect(r.ids).toEqual(['dev-1']);
    }
  });

  it('fails closed without keys: every read raises, NULL values included, and nothing is written', async () => {
    await asRole(c, 'app_admin', { tenant: acme, user: ada }, async () => {
      const read = await rejection(c.query(`SELECT id, decrypt_sensitive(phone) FROM users`));
      expect(read).toMatchObject({ code: '28000', message: 'no encryption keys supplied in this transaction' });
    });
    const user2 = await sid(c, 'user', 2); // even: no phone
    await asRole(c, 'app_admin', { tenant: acme, user: ada }, async () => {
      const nullRead = await rejection(c.query(`SELECT decrypt_sensitive(phone) FROM users WHERE id = $1`, [user2]));
      expect(nullRead.code).toBe('28000');
    });
    await asRole(c, 'app_admin', { tenant: acme, user: ada }, async () => {
      const write = await rejection(c.query(`UPDATE users SET phone = encrypt_sensitive('+4915100000000') WHERE id = $1`, [ada]));
      expect(write).toMatchObject({ code: '28000', message: expect.stringMatching(/no encryption key id set/) });
    });
    // Keys supplied but no write key id: reads work, writes still refuse.
    await asRole(c, 'app_admin', { tenant: acme, user: ada }, async () => {
      await c.query(`SELECT set_config('app.encryption_keys', $1, true)`, [JSON.stringify(DEV_KEYS.keys)]);
      expect(await one(`SELECT decrypt_sensitive(phone) AS p FROM users WHERE id = $1`, [ada])).toEqual({ p: seededPhone(1) });
      expect((await rejection(c.query(`SELECT encrypt_sensitive('x')`))).code).toBe('28000');
    });
  });

  it('names the missing key id, refuses a wrong key, and never echoes key material', async () => {
    await asRole(c, 'app_system', {}, async () => {
      await setKeys(c, { keyId: 'k2', keys: { k2: newKey() } });
      const missing = await rejection(c.query(`SELECT decrypt_sensitive(phone) FROM users WHERE id = $1`, [ada]));
      expect(missing).toMatchObject({ code: '28000', message: 'encryption key "dev-1" is not supplied in this transaction' });
    });
    await asRole(c, 'app_system', {}, async () => {
      await setKeys(c, { keyId: 'dev-1', keys: { 'dev-1': 'a-different-key-of-enough-length' } });
      const wrong = await rejection(c.query(`SELECT decrypt_sensitive(phone) FROM users WHERE id = $1`, [ada]));
      expect(wrong.code).toBe('39000');
      expect(wrong.message).toMatch(/Wrong key/);
    });
    await asRole(c, 'app_system', {}, async () => {
      // Not JSON: PostgreSQL's own message would quote the token, i.e. part of the key.
      await c.query(`SELECT set_config('app.encryption_keys', $1, true)`, ['secret-token-material']);
      const bad = (await rejection(c.query(`SELECT decrypt_sensitive(phone) FROM users WHERE id = $1`, [ada]))) as { code?: string; message: string; detail?: string };
      expect(bad.code).toBe('22023');
      expect(`${bad.message} ${bad.detail ?? ''}`).not.toMatch(/secret-token/);
    });
  });

  it('the columns accept only envelopes, never plaintext bytes', async () => {
    const err = await rejection(c.query(`UPDATE users SET phone = convert_to('+4915100000000', 'UTF8') WHERE id = $1`, [ada]));
    expect(err).toMatchObject({ code: '23514', constraint: 'encrypted_text_envelope_check' });
  });

  it('keeps encrypted values out of the audit trail, but records that they changed', async () => {
    const user3 = await sid(c, 'user', 3);
    await asRole(c, 'app_system', {}, async () => {
      await setKeys(c, DEV_KEYS);
      await c.query(`UPDATE users SET phone = encrypt_sensitive('+4915199999999') WHERE id = $1`, [user3]);
      const last = await one<{ changed: string[]; has: boolean }>(
        `SELECT changed_fields AS changed, (old_row ? 'phone' OR new_row ? 'phone') AS has FROM audit_log WHERE table_name = 'users' AND record_id = $1 ORDER BY id DESC LIMIT 1`,
        [user3],
      );
      expect(last).toEqual({ changed: ['phone'], has: false });
    });
    expect(await one(`SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'users' AND (old_row ? 'phone' OR new_row ? 'phone')`)).toEqual({ n: 0 });
  });
});

describe('the runtime key ring', () => {
  let pool: ConnectionPool;
  beforeAll(() => {
    pool = connect(db.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await pool?.dispose();
  });

  it('withTenant carries keys for the transaction only; typed queries decrypt and encrypt through the functions', async () => {
    const ctx = { tenantId: acme, userId: ada, role: 'app_analyst', keys: DEV_KEYS };
    const [me] = await withTenant(pool, ctx, (tx) => runQuery(memberContact, { userId: ada }, tx));
    expect(me).toMatchObject({ id: ada, phone: seededPhone(1) });
    const k2 = { keyId: 'k2', keys: { 'dev-1': DEV_KEYS.keys['dev-1'], k2: newKey() } };
    await withTenant(pool, { ...ctx, keys: k2 }, async (tx) => {
      const [set] = await runQuery(setOwnPhone, { phone: '+4917600000001' }, tx);
      expect(set).toEqual({ id: ada, keyId: 'k2' });
      expect((await runQuery(memberContact, { userId: ada }, tx))[0]!.phone).toBe('+4917600000001');
      // Malformed numbers are not written (no row back).
      expect(await runQuery(setOwnPhone, { phone: '0176 not a number' }, tx)).toEqual([]);
      throw Object.assign(new Error('roll back'), { rollback: true });
    }).catch((e: { rollback?: boolean }) => {
      if (!e.rollback) throw e;
    });
    // poolSize 1: the same connection, after COMMIT, holds no key.
    const after = (await pool.query(sql`SELECT coalesce(current_setting('app.encryption_keys', true), '') AS k, coalesce(current_setting('app.encryption_key_id', true), '') AS id`))[0];
    expect(after).toEqual({ k: '', id: '' });
    // The same query without keys fails closed.
    await expect(withTenant(pool, { tenantId: acme, userId: ada, role: 'app_analyst' }, (tx) => runQuery(memberContact, { userId: ada }, tx))).rejects.toMatchObject({ code: '28000' });
  });

  it('the auth service enrols and reads TOTP secrets with withKeys; a nested ring is restored afterwards', async () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    await pool.tx(async (outer) => {
      await outer.query(sql`SET LOCAL ROLE app_system`);
      await setRing(outer, DEV_KEYS);
      const user6 = await sid(c, 'user', 6);
      const [enrolled] = await runQuery(enrolMfaFactor, { userId: user6, label: 'Backup phone', secret }, outer);
      expect(enrolled!.keyId).toBe('dev-1');
      await outer.query(sql`UPDATE mfa_factors SET confirmed_at = now() WHERE id = ${enrolled!.id}`);
      const k3 = { keyId: 'k3', keys: { k3: newKey(), 'dev-1': DEV_KEYS.keys['dev-1'] } };
      const inner = await withKeys(outer, k3, async (tx) => (await tx.query(sql`SELECT current_setting('app.encryption_key_id') AS id`))[0].id as string);
      expect(inner).toBe('k3');
      expect((await outer.query(sql`SELECT current_setting('app.encryption_key_id') AS id`))[0].id).toBe('dev-1');
      const secrets = await runQuery(confirmedMfaSecrets, { userId: user6 }, outer);
      expect(secrets.map((s) => [s.label, s.secret])).toEqual([
        ['Authenticator', (await one<{ s: string }>(`SELECT translate(upper(md5('totp:6')), '0189', 'WXYZ') AS s`)).s],
        ['Backup phone', secret],
      ]);
    });
  });

  it('sends keys only as bound parameters: the statement text the server sees holds no key', async () => {
    const key = newKey();
    await pool.tx(async (tx) => {
      const pid = (await tx.query(sql`SELECT pg_backend_pid() AS pid`))[0].pid as number;
      await setRing(tx, { keyId: 'k9', keys: { k9: key } });
      const seen = await one<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE pid = $1`, [pid]);
      expect(seen.query).toMatch(/set_config\(\$1, \$2, true\)/);
      expect(seen.query).not.toContain(key);
    });
  });

  it('checks a ring before it reaches the database, without echoing keys', async () => {
    const secretish = 'do-not-print-this-key-material';
    await expect(withKeys(pool, { keyId: 'k2', keys: { k1: secretish } }, async () => 1)).rejects.toThrow(/write key id "k2" is not one of the ring's keys \(k1\)/);
    await expect(withKeys(pool, { keyId: 'bad id', keys: { 'bad id': secretish } }, async () => 1)).rejects.toThrow(/key id "bad id" must be/);
    await expect(withKeys(pool, { keyId: 'k1', keys: {} }, async () => 1)).rejects.toThrow(/holds no keys/);
    await expect(withKeys(pool, { keyId: 'k2', keys: { k1: secretish } }, async () => 1)).rejects.not.toThrow(new RegExp(secretish));
    await expect(tenantRuntime(CONFIG.tenancy).withTenant(pool, { tenantId: acme, role: 'app_viewer', keys: DEV_KEYS }, async () => 1)).rejects.toThrow(/no "encryption" config/);
    expect(() => encryptionRuntime(undefined)).toThrow(/no "encryption" section/);
  });
});

describe('key rotation', () => {
  let rdb: ScratchDb;
  let ops: pg.Client;
  let reader: pg.Client;
  let app: pg.Client;

  beforeAll(async () => {
    rdb = await schemaDb({ seed: true });
    [ops, reader, app] = await Promise.all([client(rdb.url), client(rdb.url), client(rdb.url)]);
  });

  afterAll(async () => {
    await Promise.all([ops, reader, app].map((x) => x?.end()));
    await rdb?.drop();
  });

  /** One short transaction as app_system with `ring`. */
  async function tx<T>(cl: pg.Client, ring: { keyId: string; keys: Record<string, string> }, fn: () => Promise<T>): Promise<T> {
    await cl.query('BEGIN');
    try {
      await cl.query(`SELECT set_config('role', 'app_system', true)`);
      await setKeys(cl, ring);
      const out = await fn();
      await cl.query('COMMIT');
      return out;
    } catch (e) {
      await cl.query('ROLLBACK');
      throw e;
    }
  }

  /** Every stored encrypted value, decrypted: "<table>:<id>" → plaintext. */
  const readAll = (cl: pg.Client, ring: { keyId: string; keys: Record<string, string> }) =>
    tx(cl, ring, async () => {
      const r = await cl.query<{ k: string; v: string }>(
        `SELECT 'users:' || id AS k, decrypt_sensitive(phone) AS v FROM users WHERE phone IS NOT NULL
         UNION ALL SELECT 'mfa_factors:' || id, decrypt_sensitive(secret) FROM mfa_factors`,
      );
      return new Map(r.rows.map((x) => [x.k, x.v]));
    });

  const oldOnly = DEV_KEYS;
  const k2 = newKey();
  const both = { keyId: 'k2', keys: { 'dev-1': DEV_KEYS.keys['dev-1'], k2 } };
  const newOnly = { keyId: 'k2', keys: { k2 } };

  it('refuses to start without the new key id, or without both keys, before touching a row', async () => {
    const same = await tx(ops, oldOnly, () => rejection(ops.query(`SELECT reencrypt_sensitive_batch('dev-1', 10)`))).catch((e: unknown) => e as { code?: string });
    expect(same.code).toBe('22023');
    const noOld = await tx(ops, newOnly, () => rejection(ops.query(`SELECT reencrypt_sensitive_batch('dev-1', 10)`))).catch((e: unknown) => e as { code?: string; message: string });
    expect(noOld).toMatchObject({ code: '28000', message: 'encryption key "dev-1" is not supplied in this transaction' });
    const tenantRole = await asRole(reader, 'app_admin', {}, () => rejection(reader.query(`SELECT reencrypt_sensitive_batch('dev-1', 10)`)));
    expect(tenantRole.code).toBe('42501');
  });

  it('re-encrypts in short batches while readers holding both keys keep reading; then the old key is retired', async () => {
    // More values than a batch: 120 more factors under the old key.
    await tx(ops, oldOnly, () =>
      ops.query(`INSERT INTO mfa_factors (user_id, label, secret)
                 SELECT md5('user:' || (1 + g % 24))::uuid, 'Device ' || g, encrypt_sensitive('SECRET' || g) FROM generate_series(1, 120) AS g`),
    );
    const expected = await readAll(reader, oldOnly);
    expect(expected.size).toBe(12 + 8 + 120);

    let rotating = true;
    let reads = 0;
    // The row the application rewrites mid-rotation may show either value, depending on the snapshot.
    const alsoAllowed = new Map<string, string>();
    const readers = (async () => {
      while (rotating) {
        const seen = await readAll(reader, both);
        for (const [k, v] of expected) if (seen.get(k) !== alsoAllowed.get(k)) expect(seen.get(k), k).toBe(v);
        reads++;
      }
    })();
    readers.catch(() => undefined); // awaited below; a failure there fails the test

    const batches: number[] = [];
    for (;;) {
      const n = await tx(ops, both, async () => (await ops.query<{ n: number }>(`SELECT reencrypt_sensitive_batch('dev-1', 25) AS n`)).rows[0]!.n);
      batches.push(n);
      if (batches.length === 2) {
        // The application keeps writing during the rotation, under the new key.
        alsoAllowed.set(`users:${ada}`, '+4917611111111');
        await tx(app, both, () => app.query(`UPDATE users SET phone = encrypt_sensitive('+4917611111111') WHERE id = $1`, [ada]));
        alsoAllowed.set(`users:${ada}`, expected.get(`users:${ada}`)!);
        expected.set(`users:${ada}`, '+4917611111111');
      }
      if (n === 0) break;
    }
    rotating = false;
    await readers;

    expect(reads).toBeGreaterThan(0);
    expect(batches.length).toBeGreaterThan(5);
    expect(batches.slice(0, -1).every((n) => n > 0 && n <= 25)).toBe(true);
    const total = batches.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(139);
    expect(total).toBeLessThanOrEqual(140);

    // Retired: no value in any encrypted column is under the old key ...
    const cols = await encryptedColumns();
    for (const { tbl, col } of cols) {
      const n = (await ops.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${tbl} WHERE encryption_key_id(${col}) = 'dev-1'`)).rows[0]!.n;
      expect(n, `${tbl}.${col}`).toBe(0);
    }
    const byKey = await tx(ops, newOnly, async () => (await ops.query<{ t: string; k: string; n: string }>(`SELECT table_name AS t, key_id AS k, n FROM encrypted_values_by_key() ORDER BY 1`)).rows);
    expect(byKey).toEqual([{ t: 'mfa_factors', k: 'k2', n: '128' }, { t: 'users', k: 'k2', n: '12' }]);
    // ... every value reads without it ...
    expect(await readAll(reader, newOnly)).toEqual(expected);
    // ... and the old key alone reads nothing any more.
    const stale = await readAll(reader, oldOnly).catch((e: unknown) => e as { code?: string; message: string });
    expect(stale).toMatchObject({ code: '28000', message: 'encryption key "k2" is not supplied in this transaction' });
  });
});
