/** The config's `backup` section: `{ "pgBin": "/usr/lib/postgresql/15/bin" }`, where to look for pg_dump first. */
import path from 'node:path';
import { configError, type ProjectConfig } from '../config/index.js';

export interface BackupConfig {
  /** Directory holding pg_dump / pg_restore, tried before PATH (relative to the project root). */
  pgBin?: string;
}

export function backupConfig(config: ProjectConfig): BackupConfig {
  const raw = config.section('backup');
  if (raw === undefined) return {};
  const label = config.file ? path.relative(process.cwd(), config.file) || 'strata.config.json' : 'strata.config.json';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw configError(label, '"backup" must be an object { "pgBin"? }');
  const { pgBin, ...rest } = raw as { pgBin?: unknown };
  const extra = Object.keys(rest);
  if (extra.length) throw configError(label, `"backup": unknown key "${extra[0]}"`, undefined, 'known keys: pgBin');
  if (pgBin !== undefined && typeof pgBin !== 'string') throw configError(label, '"backup.pgBin" must be a directory path');
  return { pgBin: pgBin === undefined ? undefined : path.resolve(config.root, pgBin) };
}
