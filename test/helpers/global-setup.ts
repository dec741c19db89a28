/**
 * Starts the embedded cluster once for the whole vitest run (unless DATABASE_URL
 * points at a server) and hands its URL to the workers. A cluster this run
 * started is stopped at the end; one that was already running is left alone.
 */
import { startCluster, stopCluster } from '../../src/cluster/embedded.js';
import { PROJECT_ROOT, TEST_SERVER_ENV } from './server.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const st = await startCluster({ cwd: PROJECT_ROOT });
  process.env[TEST_SERVER_ENV] = st.url;
  if (!st.started) return undefined;
  return async () => {
    await stopCluster({ cwd: PROJECT_ROOT });
  };
}
