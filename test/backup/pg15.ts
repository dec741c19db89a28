/**
 * A throwaway PostgreSQL 15 cluster for the backup tests: the embedded dev
 * cluster is PostgreSQL 18 and this machine's client tools (pg_dump,
 * pg_basebackup) are 15, so these tests run their own server, started by
 * src/cluster with STRATA_PG_BIN pointing at the 15 binaries.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { removeCluster, startCluster, stopCluster } from '../../src/cluster/embedded.js';
import { withPgBin } from '../helpers/pg-bin.js';

export const PG15 = '/usr/lib/postgresql/15/bin';
export const hasPg15 = existsSync(path.join(PG15, 'pg_basebackup')) && existsSync(path.join(PG15, 'pg_dump'));
if (!hasPg15) console.warn(`backup tests skipped: no PostgreSQL 15 binaries in ${PG15} (apt-get install postgresql-15)`);

export interface Pg15 {
  url: string;
  restart(): Promise<string>;
  stop(): Promise<void>;
  /** Stop it and delete its data and its memory tablespace directory (in /dev/shm, outside `dir`). */
  remove(): Promise<void>;
}

export async function startPg15(cwd: string, dir: string): Promise<Pg15> {
  const start = async () => (await withPgBin(PG15, () => startCluster({ cwd, dir }))).url!;
  const stop = async () => void (await stopCluster({ cwd, dir }));
  const url = await start();
  return {
    url,
    stop,
    remove: () => removeCluster({ cwd, dir }),
    async restart() {
      await stop();
      return start();
    },
  };
}
