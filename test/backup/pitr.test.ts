/**
 * The PITR drill on real processes: a PostgreSQL 15 primary with WAL archiving,
 * a base backup, rows before and after a noted time, a dropped table; then
 * `recoverToTime` builds a second cluster that must hold exactly the rows
 * committed before the time, and the dropped table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryOnce as q } from '../../src/db/connect.js';
import { recoverToTime, type RecoveredCluster } from '../../src/backup/pitr.js';
import { hasPg15, PG15, startPg15, type Pg15 } from './pg15.js';
import { serverUser } from '../../src/cluster/user.js';
import { SCRATCH_TABLESPACE } from '../../src/cluster/tablespace.js';
import { main } from '../../src/cli/main.js';


let tmp: string;
let primaryUrl: string;
let primary: Pg15 | undefined;
const recovered: RecoveredCluster[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!hasPg15) return;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-pitr-'));
  const archive = path.join(tmp, 'archive');
  await mkdir(archive);
  const user = await serverUser();
  if (user) await chown(archive, user.uid, user.gid);
  primary = await startPg15(tmp, path.join(tmp, 'primary'));
  primaryUrl = primary.url;
  await q(primaryUrl, `ALTER SYSTEM SET wal_level = 'replica'`);
  await q(primaryUrl, `ALTER SYSTEM SET archive_mode = 'on'`);
  await q(primaryUrl, `ALTER SYSTEM SET archive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'`);
  await q(primaryUrl, `ALTER SYSTEM SET max_wal_senders = '4'`);
  await q(primaryUrl, `ALTER SYSTEM SET full_page_writes = 'on'`);
  // wal_level and archive_mode take a restart.
  primaryUrl = await primary.restart();
  // The dev cluster's in-memory scratch tablespace would need a tablespace mapping in the base backup.
  await q(primaryUrl, `DROP TABLESPACE IF EXISTS ${SCRATCH_TABLESPACE}`);
});

afterAll(async () => {
  for (const r of recovered) await r.stop().catch(() => undefined);
  if (tmp) {
    await primary?.remove().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  }
});

it.runIf(hasPg15)('recovers exactly the rows committed before the target time, and the dropped table', async () => {
  await q(primaryUrl, `CREATE TABLE ledger (id int PRIMARY KEY, note text NOT NULL)`);
  await q(primaryUrl, `CREATE TABLE keepsake (id int PRIMARY KEY)`);
  await q(primaryUrl, `INSERT INTO keepsake SELECT generate_series(1, 7)`);

  const base = path.join(tmp, 'base');
  const bb = spawnSync(path.join(PG15, 'pg_basebackup'), ['-D', base, '-Fp', '-X', 'stream', '-c', 'fast', '-d', primaryUrl], { encoding: 'utf8' });
  expect(bb.stderr, 'pg_basebackup').toBe('');
  expect(bb.status).toBe(0);

  // Rows before the target, one transaction each so there are many commit records around it.
  for (let i = 1; i <= 20; i++) await q(primaryUrl, `INSERT INTO ledger VALUES (${i}, 'before')`);
  // Taken after the last "before" commit returned, so that commit's timestamp is earlier.
  const [{ t }] = (await q<{ t: string }>(primaryUrl, `SELECT clock_timestamp()::text AS t`)) as [{ t: string }];
  await sleep(20);
  for (let i = 21; i <= 30; i++) await q(primaryUrl, `INSERT INTO ledger VALUES (${i}, 'after')`);
  await q(primaryUrl, `DROP TABLE keepsake`);
  // Close the current WAL segment and wait until the archiver has copied it.
  const [{ seg }] = (await q<{ seg: string }>(primaryUrl, `SELECT pg_walfile_name(pg_switch_wal()) AS seg`)) as [{ seg: string }];
  for (let i = 0; i < 200; i++) {
    const [{ last }] = (await q<{ last: string | null }>(primaryUrl, `SELECT last_archived_wal AS last FROM pg_stat_archiver`)) as [{ last: string | null }];
    if (last !== null && last >= seg) break;
    await sleep(50);
  }
  expect(existsSync(path.join(tmp, 'archive', seg)), `archived ${seg}`).toBe(true);

  const r = await recoverToTime({ base, wal: path.join(tmp, 'archive'), to: t, data: path.join(tmp, 'recovered')});
  recovered.push(r);
  expect(r.major).toBe(15);
  const rows = await q<{ id: number; note: string }>(r.url, `SELECT id, note FROM ledger ORDER BY id`);
  expect(rows.map((x) => x.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(new Set(rows.map((x) => x.note))).toEqual(new Set(['before']));
  expect(await q(r.url, `SELECT count(*)::int AS n FROM keepsake`)).toEqual([{ n: 7 }]);
  // Promoted: it takes writes.
  expect(await q(r.url, `SELECT pg_is_in_recovery() AS r`)).toEqual([{ r: false }]);
  await q(r.url, `INSERT INTO ledger VALUES (100, 'after recovery')`);
  // The primary itself moved on.
  expect(await q(primaryUrl, `SELECT count(*)::int AS n FROM ledger`)).toEqual([{ n: 30 }]);

  // A target the archive does not reach is an error naming the cause, not a silently shorter recovery.
  let zuluErr = '';
  const future = new Date(Date.now() + 3_600_000).toISOString().replace('T', ' ').replace('Z', '+00'); await expect(recoverToTime({ base, wal: path.join(tmp, 'archive'), to: future, data: path.join(tmp, 'too-far')})).rejects.toThrow(
    /WAL archive ends before the recovery target time/,
  );
  expect(existsSync(path.join(tmp, 'too-far')), 'a failed recovery leaves no data directory').toBe(false);
  const zulu = await main(['recover', '--base', base, '--wal', path.join(tmp, 'archive'), '--to', '2026-12-01T00:00:00Z', '--data', path.join(tmp, 'zulu')], {
    out: () => undefined,
    err: (e) => void (zuluErr += e),
    cwd: process.cwd(),
    isTTY: false,
  });
  expect(zulu).toBe(2);
  expect(zuluErr).toContain('PostgreSQL rejects the recovery target time "2026-12-01T00:00:00Z"');
  // The base backup is never touched: it can be used again.
  expect(existsSync(path.join(base, 'recovery.signal'))).toBe(false);
});

it.runIf(hasPg15)('strata recover refuses what it cannot use, with the reason', async () => {
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['recover', ...args], { out: (s) => void (out += s), err: (s) => void (err += s), cwd: process.cwd(), isTTY: false });
    return { code, out, err };
  };
  expect(await run('--base', tmp)).toMatchObject({ code: 2, err: expect.stringContaining('missing --wal, --to, --data') });
  const notBase = await run('--base', tmp, '--wal', tmp, '--to', '2026-12-01 00:00:00+00', '--data', path.join(tmp, 'x'));
  expect(notBase).toMatchObject({ code: 1, err: expect.stringContaining('is not a plain-format base backup') });
  const fake = path.join(tmp, 'fake-base');
  await mkdir(path.join(fake, 'pg_tblspc'), { recursive: true });
  await writeFile(path.join(fake, 'PG_VERSION'), '15\n');
  const exists = await run('--base', fake, '--wal', path.join(tmp, 'archive'), '--to', '2026-12-01 00:00:00+00', '--data', fake);
  expect(exists).toMatchObject({ code: 1, err: expect.stringContaining('already exists; recovery only ever creates a new data directory') });
});
