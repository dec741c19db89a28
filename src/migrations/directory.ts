/**
 * The migration directory: golang-migrate naming (`<version>_<name>.up.sql` and
 * `<version>_<name>.down.sql`), one migration per version, ordered by version.
 *
 * A file whose first line is `-- strata:no-transaction` (or Atlas's own
 * `-- atlas:txmode none`) runs outside a transaction, one statement at a time:
 * that is how `CREATE INDEX CONCURRENTLY`, or `ALTER TYPE ... ADD VALUE` followed
 * by a use of the new value, get applied. The runner marks such a version dirty
 * while it runs, so a failure part-way is never mistaken for success.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError, type Diagnostic } from '../core/diagnostic.js';

/** The directive that makes a migration file run outside a transaction. */
export const NO_TRANSACTION_DIRECTIVE = '-- strata:no-transaction';

/**
 * Header for a non-transactional migration file that both strata and Atlas
 * honour: Atlas reads `atlas:txmode none` from the leading comment block, which
 * must end with an empty line.
 */
export const NO_TRANSACTION_HEADER = `${NO_TRANSACTION_DIRECTIVE}\n-- atlas:txmode none\n\n`;

export interface MigrationFile {
  /** File name inside the directory, e.g. `20250101120000_add_users.up.sql`. */
  file: string;
  /** Absolute path. */
  path: string;
  content: string;
  /** sha256 (hex) of the file's bytes. */
  checksum: string;
  /** False when the file carries the no-transaction directive. */
  transactional: boolean;
}

export interface Migration {
  /** Decimal digits as written in the file name (leading zeros kept). */
  version: string;
  /** Numeric version, for ordering and the history table. */
  versionNumber: bigint;
  name: string;
  up: MigrationFile;
  down?: MigrationFile;
}

export interface MigrationDir {
  dir: string;
  /** Ordered by version. */
  migrations: Migration[];
  /** Problems that do not stop reading (a missing down file, odd file names). */
  warnings: Diagnostic[];
}

const FILE_RE = /^(\d+)_(.*)\.(up|down)\.sql$/;
const MAX_VERSION = (1n << 63n) - 1n;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * True when the file asks to run outside a transaction. Only the leading comment
 * block counts, so a directive-looking line inside a function body never does.
 */
export function isNonTransactional(content: string): boolean {
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('--')) return false;
    if (line === NO_TRANSACTION_DIRECTIVE) return true;
    if (/^--\s*atlas:txmode\s+none\b/.test(line)) return true;
  }
  return false;
}

function dirError(subject: string, message: string, hint: string): StrataError {
  return new StrataError({ code: 'migrations.dir', severity: 'error', subject, message, hint });
}

/** Parse a migration file name; undefined when it is not one. */
export function parseMigrationFileName(
  file: string,
): { version: string; versionNumber: bigint; name: string; direction: 'up' | 'down' } | undefined {
  const m = FILE_RE.exec(file);
  if (!m) return undefined;
  const version = m[1]!;
  return { version, versionNumber: BigInt(version), name: m[2]!, direction: m[3] as 'up' | 'down' };
}

/** Read and check a migration directory. A directory that does not exist reads as empty. */
export async function readMigrationDir(dir: string): Promise<MigrationDir> {
  const abs = path.resolve(dir);
  let names: string[];
  try {
    names = await readdir(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { dir: abs, migrations: [], warnings: [] };
    throw e;
  }
  names.sort();
  const warnings: Diagnostic[] = [];
  const byVersion = new Map<bigint, { version: string; name: string; up?: MigrationFile; down?: MigrationFile }>();
  for (const file of names) {
    if (!file.endsWith('.sql')) continue;
    const parsed = parseMigrationFileName(file);
    if (!parsed) {
      warnings.push({
        code: 'migrations.name',
        severity: 'warning',
        subject: file,
        message: `${file} is not a migration file name and is ignored`,
        hint: 'name migrations <version>_<name>.up.sql and <version>_<name>.down.sql',
      });
      continue;
    }
    if (parsed.versionNumber > MAX_VERSION) {
      throw dirError(file, `version ${parsed.version} of ${file} does not fit in a bigint`, 'use a timestamp version such as 20250101120000');
    }
    const content = await readFile(path.join(abs, file), 'utf8');
    const mf: MigrationFile = {
      file,
      path: path.join(abs, file),
      content,
      checksum: sha256(content),
      transactional: !isNonTransactional(content),
    };
    let entry = byVersion.get(parsed.versionNumber);
    if (!entry) {
      entry = { version: parsed.version, name: parsed.name };
      byVersion.set(parsed.versionNumber, entry);
    } else if (entry.version !== parsed.version || entry.name !== parsed.name) {
      const other = entry.up?.file ?? entry.down?.file ?? '?';
      throw dirError(file, `${file} and ${other} share version ${parsed.versionNumber}`, 'give each migration its own version; up and down files of one migration share version and name');
    }
    if (entry[parsed.direction]) {
      throw dirError(file, `two ${parsed.direction} files for version ${parsed.version}`, 'keep one');
    }
    entry[parsed.direction] = mf;
  }
  const migrations: Migration[] = [];
  for (const [versionNumber, e] of [...byVersion].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!e.up) {
      throw dirError(e.down!.file, `${e.down!.file} has no matching up file`, `add ${e.version}_${e.name}.up.sql or remove the down file`);
    }
    if (!e.down) {
      warnings.push({
        code: 'migrations.no-down',
        severity: 'warning',
        subject: e.up.file,
        message: `${e.up.file} has no down file; it cannot be rolled back`,
        hint: `add ${e.version}_${e.name}.down.sql`,
      });
    }
    migrations.push({ version: e.version, versionNumber, name: e.name, up: e.up, down: e.down });
  }
  // Atlas orders files by name, golang-migrate and strata by number: they agree
  // only when every version has the same number of digits.
  const upNames = migrations.map((m) => m.up.file);
  const lexical = [...upNames].sort();
  if (upNames.some((n, i) => n !== lexical[i])) {
    warnings.push({
      code: 'migrations.order',
      severity: 'error',
      subject: abs,
      message: 'numeric and file-name order of the migrations differ, so Atlas would apply them in another order',
      hint: 'give every version the same number of digits (timestamps such as 20250101120000)',
    });
  }
  return { dir: abs, migrations, warnings };
}

/** Next version for a new migration: a UTC timestamp, bumped past the latest existing version. */
export function nextVersion(existing: Migration[], now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  let v = BigInt(stamp);
  const last = existing.at(-1)?.versionNumber;
  if (last !== undefined && last >= v) v = last + 1n;
  return v.toString();
}
