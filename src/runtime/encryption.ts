/**
 * Encryption keys for a unit of work. The database never stores a key: the
 * application holds its keys and hands them to each transaction in two
 * transaction-local settings (`set_config(name, $1, true)`, values bound as
 * parameters, so a key is never a literal in a statement, a log line or
 * pg_stat_statements), named by the project config's `encryption` section:
 *
 *   "encryption": { "settings": { "keys": "app.encryption_keys", "keyId": "app.encryption_key_id" } }
 *
 * `keys` receives a JSON object of every key the transaction may decrypt with
 * (during a rotation the old and the new one), `keyId` the key new values are
 * written under. What the schema does with them is the schema's business.
 */
import { isTransaction, sql } from '@databases/pg';
import type { Transaction } from '@databases/pg';
import { usageError } from '../core/diagnostic.js';
import { configError, type ProjectConfig } from '../config/index.js';
import type { AnyQueryable } from './pgtyped.js';

export interface EncryptionConfig {
  settings: { keys: string; keyId: string };
}

/** The keys one unit of work may use: every readable key by id, and the id new values are written under. */
export interface KeyRing {
  keyId: string;
  keys: Readonly<Record<string, string>>;
}

export interface EncryptionRuntime {
  /** Run `fn` in a transaction with the key ring set locally (in a savepoint, restoring the outer ring, when `db` is a transaction). */
  withKeys<T>(db: AnyQueryable, ring: KeyRing, fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Set the ring on a transaction the caller already holds (until its end). */
  setKeys(tx: Transaction, ring: KeyRing | null): Promise<void>;
}

const SETTING = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** The project's `encryption` section, checked; undefined when the project has none. */
export function encryptionConfig(config: ProjectConfig): EncryptionConfig | undefined {
  const v = config.section('encryption');
  if (v === undefined) return undefined;
  const label = config.file ?? 'strata.config.json';
  const s = (v as { settings?: { keys?: unknown; keyId?: unknown } } | null)?.settings;
  if (typeof v !== 'object' || v === null || typeof s !== 'object' || s === null) {
    throw configError(label, '"encryption" must be an object with "settings": {"keys": ..., "keyId": ...}');
  }
  for (const k of ['keys', 'keyId'] as const) {
    if (typeof s[k] !== 'string' || !SETTING.test(s[k] as string)) throw configError(label, `"encryption.settings.${k}" must be a setting name such as app.encryption_${k === 'keys' ? 'keys' : 'key_id'}`);
  }
  return { settings: { keys: s.keys as string, keyId: s.keyId as string } };
}

/** Check a key ring before any of it reaches the database; messages never include a key. */
export function checkKeyRing(ring: KeyRing): void {
  const ids = Object.keys(ring.keys ?? {});
  if (!ids.length) throw usageError('encryption: the key ring holds no keys');
  for (const id of ids) {
    if (!KEY_ID.test(id)) throw usageError(`encryption: key id "${id}" must be 1-64 characters of A-Z a-z 0-9 _ . -`);
    if (typeof ring.keys[id] !== 'string' || !ring.keys[id]) throw usageError(`encryption: key "${id}" must be a non-empty string`);
  }
  if (!ids.includes(ring.keyId)) throw usageError(`encryption: the write key id "${ring.keyId}" is not one of the ring's keys (${ids.join(', ')})`);
}

export function encryptionRuntime(enc: EncryptionConfig | undefined): EncryptionRuntime {
  if (!enc) throw usageError('encryption: the project config has no "encryption" section (settings.keys, settings.keyId)');
  const { keys: keysSetting, keyId: keyIdSetting } = enc.settings;

  const put = async (tx: Transaction, keys: string, keyId: string): Promise<void> => {
    await tx.query(sql`SELECT set_config(${keysSetting}, ${keys}, true), set_config(${keyIdSetting}, ${keyId}, true)`);
  };

  const setKeys: EncryptionRuntime['setKeys'] = async (tx, ring) => {
    if (ring) checkKeyRing(ring);
    await put(tx, ring ? JSON.stringify(ring.keys) : '', ring?.keyId ?? '');
  };

  const withKeys: EncryptionRuntime['withKeys'] = async (db, ring, fn) => {
    checkKeyRing(ring);
    if (!isTransaction(db)) {
      return db.tx(async (tx) => {
        await setKeys(tx, ring);
        return fn(tx);
      });
    }
    return db.tx(async (tx) => {
      const [prev] = (await tx.query(sql`
        SELECT coalesce(current_setting(${keysSetting}, true), '') AS keys,
               coalesce(current_setting(${keyIdSetting}, true), '') AS "keyId"`)) as { keys: string; keyId: string }[];
      await setKeys(tx, ring);
      const result = await fn(tx);
      // A released savepoint keeps SET LOCAL values: put the outer transaction's ring back.
      await put(tx, prev!.keys, prev!.keyId);
      return result;
    });
  };

  return { withKeys, setKeys };
}
