/**
 * Starts the embedded cluster once for the whole vitest run (unless DATABASE_URL
 * points at a server) and hands its URL to the workers.
 *
 * Outside CI the cluster stays up afterwards: it is the project's dev cluster,
 * the next run and other commands reuse it, and another test run in the same
 * checkout may still be using it (`make db-stop` stops it). Under CI a cluster
 * this run started is stopped, so a throwaway clone leaves no server (and no
 * memory directory) behind.
 */
import { startCluster, stopCluster } from '../../src/cluster/embedded.js';
import { removeTablespaceDir } from '../../src/cluster/tablespace.js';
import { PROJECT_ROOT, TEST_SERVER_ENV } from './server.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const st = await startCluster({ cwd: PROJECT_ROOT });
  process.env[TEST_SERVER_ENV] = st.url;
  if (!st.started || !process.env.CI) return undefined;
  return async () => {
    await stopCluster({ cwd: PROJECT_ROOT });
    // The scratch tablespace's memory directory would outlive the throwaway clone; the next start re-creates it.
    await removeTablespaceDir(st.paths.root);
  };
}
