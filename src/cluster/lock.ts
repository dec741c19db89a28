/**
 * An exclusive lock file so two strata processes never start or stop the same
 * cluster at once. The file holds the owner's pid; a lock whose owner is dead
 * (crash, kill -9) is taken over instead of blocking forever.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { StrataError } from '../core/diagnostic.js';

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withFileLock<T>(file: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    // An empty file is a lock being written right now; give its owner a moment.
    if (owner && !pidAlive(owner)) {
      // Re-read right before removing so a lock just taken over by a live process survives.
      const again = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (again === owner) await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new StrataError({
        code: 'cluster.locked',
        severity: 'error',
        subject: file,
        message: `another strata process (pid ${owner || '?'}) holds ${file}`,
        hint: 'wait for it to finish; remove the file if that process is gone',
      });
    }
    await sleep(25);
  }
  try {
    return await fn();
  } finally {
    await unlink(file).catch(() => undefined);
  }
}
