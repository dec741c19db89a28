/**
 * Connection pooling (PgBouncer, transaction mode) and encryption in transit for a
 * project's application roles: the config section, the rendered files, the
 * userlist read from a server, and writing / checking the reference files.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ProjectConfig } from '../config/index.js';
import { poolConfigFrom, type PoolConfig } from './config.js';
import { POOL_FILE_NAMES, renderPoolFiles, type PoolFiles } from './render.js';

export { POOL_DEFAULTS, poolConfigFrom, type PoolConfig, type ServerTlsMode } from './config.js';
export { POOL_FILE_NAMES, renderPoolFiles, renderPgbouncerIni, renderPgHba, renderPostgresTls, type PoolFiles } from './render.js';
export { readUserlist, renderUserlist, type UserlistEntry } from './userlist.js';

/** The project's pool settings and its rendered files. */
export function projectPoolFiles(config: ProjectConfig): { pool: PoolConfig; files: PoolFiles; dir: string } {
  const pool = poolConfigFrom(config.section('pool'), config.file ? path.relative(process.cwd(), config.file) : undefined);
  return { pool, files: renderPoolFiles(pool, config.tenancy), dir: path.resolve(config.root, pool.out) };
}

/** Write the files into `dir`; returns the names that changed. */
export async function writePoolFiles(dir: string, files: PoolFiles): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const changed: string[] = [];
  for (const name of POOL_FILE_NAMES) {
    const file = path.join(dir, name);
    const old = await readFile(file, 'utf8').catch(() => undefined);
    if (old === files[name]) continue;
    await writeFile(file, files[name]);
    changed.push(file);
  }
  return changed;
}

/** One diagnostic per file in `dir` that is missing or differs from what the config renders. */
export async function stalePoolFiles(dir: string, files: PoolFiles, root: string): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const name of POOL_FILE_NAMES) {
    const file = path.join(dir, name);
    const old = await readFile(file, 'utf8').catch(() => undefined);
    if (old === files[name]) continue;
    out.push({
      code: 'pool.stale',
      severity: 'error',
      subject: path.relative(root, file),
      message: `${path.relative(root, file)} is ${old === undefined ? 'missing' : 'stale'}: it differs from what strata.config.json renders`,
      hint: 'run `strata pool config` and commit the result',
    });
  }
  return out;
}
