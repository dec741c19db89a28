/**
 * The `online` section of strata.config.json: lock-safe migrations for a database in
 * use (docs/operations.md, "Lock-safe migrations").
 *
 *   "online": { "enabled": true, "lockTimeout": "2s", "statementTimeout": "0", "retries": 5, "retryDelay": "500ms" }
 *
 * `enabled` makes `strata diff` plan online forms by default; `lockTimeout` and
 * `statementTimeout` are set at the top of each online migration; `retries` and
 * `retryDelay` are how `strata migrate` retries a statement that gave up waiting for a lock.
 */
import { configError, type ProjectConfig } from './index.js';

export interface OnlineConfig {
  enabled: boolean;
  lockTimeout: string;
  statementTimeout?: string;
  retries: number;
  retryDelayMs: number;
}

export const ONLINE_DEFAULTS: OnlineConfig = { enabled: false, lockTimeout: '2s', retries: 5, retryDelayMs: 500 };

const DURATION = /^(\d+)\s*(us|ms|s|min|h|d)?$/;
const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };
const KEYS = new Set(['enabled', 'lockTimeout', 'statementTimeout', 'retries', 'retryDelay']);

/** Milliseconds of a PostgreSQL duration such as `2s` or `500ms` (a bare number is ms), or undefined. */
export function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2] ?? 'ms']! : undefined;
}

export function onlineConfig(config: ProjectConfig): OnlineConfig {
  const raw = config.section('online');
  if (raw === undefined) return ONLINE_DEFAULTS;
  const label = config.file ?? 'strata.config.json';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw configError(label, '"online" must be an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw configError(label, `unknown key "online.${k}"`, undefined, `known keys: ${[...KEYS].join(', ')}`);
  const duration = (k: string): string | undefined => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || durationMs(v) === undefined) throw configError(label, `"online.${k}" must be a PostgreSQL duration such as "2s" or "500ms"`);
    return v.trim();
  };
  if (o.enabled !== undefined && typeof o.enabled !== 'boolean') throw configError(label, '"online.enabled" must be true or false');
  if (o.retries !== undefined && !(Number.isInteger(o.retries) && (o.retries as number) >= 0 && (o.retries as number) <= 100)) {
    throw configError(label, '"online.retries" must be a whole number from 0 to 100');
  }
  const delay = duration('retryDelay');
  const statementTimeout = duration('statementTimeout');
  return {
    enabled: (o.enabled as boolean | undefined) ?? ONLINE_DEFAULTS.enabled,
    lockTimeout: duration('lockTimeout') ?? ONLINE_DEFAULTS.lockTimeout,
    ...(statementTimeout !== undefined ? { statementTimeout } : {}),
    retries: (o.retries as number | undefined) ?? ONLINE_DEFAULTS.retries,
    retryDelayMs: delay === undefined ? ONLINE_DEFAULTS.retryDelayMs : durationMs(delay)!,
  };
}
