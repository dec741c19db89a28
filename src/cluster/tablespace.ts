/**
 * Scratch databases of the embedded cluster live in a tablespace in memory
 * (`/dev/shm`): creating and dropping a database is file creation and removal,
 * which on a busy disk costs ten times more (docs/benchmarks.md). The dev
 * database itself stays on disk. Without room in /dev/shm (small container
 * shm, other systems) scratch databases simply stay on disk.
 *
 * After a reboot the memory directory is gone while the tablespace remains in
 * the catalog; the next start re-creates the directory PostgreSQL expects.
 */
import { createHash } from 'node:crypto';
import { chown, mkdir, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { OsUser } from './user.js';

export const SCRATCH_TABLESPACE = 'strata_scratch';

const SHM = '/dev/shm';
/** Free memory filesystem space below which scratch databases stay on disk. */
const MIN_FREE = 1024 ** 3;

export function tablespaceDir(clusterRoot: string): string {
  return path.join(SHM, `strata-${createHash('sha256').update(clusterRoot).digest('hex').slice(0, 12)}`);
}

async function roomInMemory(): Promise<boolean> {
  try {
    const s = await statfs(SHM);
    return s.bavail * s.bsize >= MIN_FREE;
  } catch {
    return false;
  }
}

async function ownedDir(dir: string, user: OsUser | undefined): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (user) await chown(dir, user.uid, user.gid);
}

/**
 * Make sure the scratch tablespace exists and its directory is there. Never
 * throws: on any problem scratch databases stay in the default tablespace.
 */
export async function ensureScratchTablespace(adminUrl: string, clusterRoot: string, user: OsUser | undefined): Promise<boolean> {
  const { queryOnce } = await import('../db/connect.js');
  const dir = tablespaceDir(clusterRoot);
  try {
    const [row] = await queryOnce<{ location: string | null; catversion: string; major: string }>(
      adminUrl,
      `SELECT (SELECT pg_tablespace_location(oid) FROM pg_tablespace WHERE spcname = $1) AS location,
              (SELECT catalog_version_no::text FROM pg_control_system()) AS catversion,
              current_setting('server_version_num')::int / 10000 AS major`,
      [SCRATCH_TABLESPACE],
    );
    if (row?.location) {
      // Known to the catalog: re-create what a reboot took away (PostgreSQL wants PG_<major>_<catversion>/).
      await ownedDir(row.location, user);
      await ownedDir(path.join(row.location, `PG_${row.major}_${row.catversion}`), user);
      return true;
    }
    if (!(await roomInMemory())) return false;
    await rm(dir, { recursive: true, force: true });
    await ownedDir(dir, user);
    await queryOnce(adminUrl, `CREATE TABLESPACE ${SCRATCH_TABLESPACE} LOCATION '${dir.replace(/'/g, "''")}'`);
    return true;
  } catch {
    return false;
  }
}

export async function removeTablespaceDir(clusterRoot: string): Promise<void> {
  await rm(tablespaceDir(clusterRoot), { recursive: true, force: true });
}
