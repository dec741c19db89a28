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
import { resolveServer } from '../../src/cluster/index.js';
import { dropSharedTemplates } from '../../src/testing/shared.js';
import { PROJECT_ROOT, TEST_RUN_ENV, TEST_SERVER_ENV } from './server.js';

export default async function setup(): Promise<() => Promise<void>> {
  process.env[TEST_RUN_ENV] = String(process.pid);
  const external = Boolean(process.env.DATABASE_URL);
  const st = external ? undefined : await startCluster({ cwd: PROJECT_ROOT });
  if (st?.url) process.env[TEST_SERVER_ENV] = st.url;
  return async () => {
    // The run's shared templates go with the run (a killed run's are swept by pid like any scratch database).
    const server = st?.url ? { adminUrl: st.url, external: false } : await resolveServer({ cwd: PROJECT_ROOT });
    await dropSharedTemplates(server, String(process.pid)).catch(() => undefined);
    if (!st?.started || !process.env.CI) return;
    await stopCluster({ cwd: PROJECT_ROOT });
    // The scratch tablespace's memory directory would outlive the throwaway clone; the next start re-creates it.
    await removeTablespaceDir(st.paths.root);
  };
}
