/**
 * PostgreSQL refuses to run as root. When strata runs as root (containers, CI),
 * the server runs as an unprivileged OS user: `STRATA_PG_USER`, else `postgres`,
 * else a `strata` system user created on first use.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

function lookup(name: string): OsUser | undefined {
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 4) return { name, uid: Number(f[2]), gid: Number(f[3]) };
  }
  return undefined;
}

/** The user to run the server as, or undefined when the current user is not root. */
export async function serverUser(env: NodeJS.ProcessEnv = process.env): Promise<OsUser | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const wanted = env.STRATA_PG_USER;
  if (wanted) {
    const u = lookup(wanted);
    if (!u) {
      throw new StrataError({
        code: 'cluster.user',
        severity: 'error',
        subject: wanted,
        message: `STRATA_PG_USER=${wanted} is not an OS user`,
        hint: `create it (useradd --system ${wanted}) or unset STRATA_PG_USER`,
      });
    }
    return u;
  }
  const existing = lookup('postgres') ?? lookup('strata');
  if (existing) return existing;
  // useradd (Debian, Fedora), else BusyBox adduser (Alpine).
  let r = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'strata'], { encoding: 'utf8' });
  if (r.error) r = spawnSync('adduser', ['-S', '-D', '-H', 'strata'], { encoding: 'utf8' });
  const created = lookup('strata');
  if (created) return created;
  throw new StrataError({
    code: 'cluster.user',
    severity: 'error',
    subject: 'strata',
    message: `running as root and no unprivileged user to run PostgreSQL as (useradd: ${(r.stderr || r.error?.message || '').trim()})`,
    hint: 'create one (useradd --system postgres) or set STRATA_PG_USER',
  });
}

/**
 * The server user must reach the binaries and the data directory. A project
 * cloned into a root-only directory (mktemp -d is mode 700) blocks that, so the
 * missing search bit — only the search bit, never read — is added on the
 * directories in the way.
 */
export async function ensureSearchable(targets: string[], user: OsUser): Promise<void> {
  const seen = new Set<string>();
  for (const target of targets) {
    let dir = path.resolve(target);
    for (;;) {
      if (!seen.has(dir)) {
        seen.add(dir);
        let st;
        try {
          st = await stat(dir);
        } catch {
          st = undefined;
        }
        if (st?.isDirectory()) {
          const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
          if ((st.mode & bit) === 0) await chmod(dir, (st.mode & 0o7777) | bit);
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}
