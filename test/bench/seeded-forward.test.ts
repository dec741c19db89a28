/**
 * The kept bench dataset (bench/support/seeded.ts) is migrated forward by the runner when only new
 * migrations were added, instead of being seeded again: on a copy of the reference project at
 * --scale 1 whose newest migration is held back, then added.
 * (Scale 1 is the smallest dataset; a kept scale-1 bench database on the test cluster is replaced.)
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededDatabase, type SeededDatabase } from '../../bench/support/seeded.js';
import { adminQuery } from '../../src/db/admin.js';
import { readMigrationDir, writeAtlasSum } from '../../src/migrations/index.js';
import { connectClient } from '../../src/testing/index.js';
import { PROJECT_ROOT, testServer } from '../helpers/server.js';

describe('seededDatabase: migrate forward', () => {
  let root: string;
  const made: SeededDatabase[] = [];
  afterAll(async () => {
    for (const d of made) await d.drop().catch(() => undefined);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('applies only the new migration to the kept database, renames it and records where it came from', { timeout: 900_000 }, async () => {
    const server = (await testServer()).target;
    root = await mkdtemp(path.join(os.tmpdir(), 'strata-forward-'));
    for (const p of ['strata.config.json', 'seed']) await cp(path.join(PROJECT_ROOT, p), path.join(root, p), { recursive: true });
    const all = await readMigrationDir(path.join(PROJECT_ROOT, 'migrations'));
    const last = all.migrations.at(-1)!;
    const held = new Set([last.up.path, last.down?.path].filter(Boolean) as string[]);
    await cp(path.join(PROJECT_ROOT, 'migrations'), path.join(root, 'migrations'), { recursive: true, filter: (f) => !held.has(f) });
    await writeAtlasSum(path.join(root, 'migrations'));

    const first = await seededDatabase(root, server, 1);
    made.push(first);
    expect(first.reused).toBe(false);
    const c0 = await connectClient(first.url);
    const tasks = Number((await c0.query<{ n: string }>('SELECT count(*) AS n FROM tasks')).rows[0]!.n);
    await c0.end();

    for (const f of [last.up, last.down]) if (f) await cp(f.path, path.join(root, 'migrations', f.file));
    await writeAtlasSum(path.join(root, 'migrations'));
    const second = await seededDatabase(root, server, 1);
    made.push(second);
    expect(second.reused).toBe(true);
    expect(second.name).not.toBe(first.name);
    expect(second.migrated?.from).toBe(first.name);
    expect(second.migrated?.applied.map((m) => m.version)).toEqual([last.version]);
    expect(second.build.forwards?.map((f) => f.from)).toEqual([first.name]);
    expect(second.build.at).toBe(first.build.at);
    // The old name is gone; the rows are the seeded ones; the history is the whole directory.
    const names = await adminQuery<{ datname: string }>(server.adminUrl, 'SELECT datname FROM pg_database WHERE datname = ANY($1)', [[first.name, second.name]]);
    expect(names.map((r) => r.datname)).toEqual([second.name]);
    const c = await connectClient(second.url);
    try {
      expect(Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM tasks')).rows[0]!.n)).toBe(tasks);
      const versions = (await c.query<{ v: string }>('SELECT version::text AS v FROM strata.schema_migrations WHERE NOT dirty ORDER BY version')).rows.map((r) => r.v);
      expect(versions).toEqual(all.migrations.map((m) => String(m.versionNumber)));
    } finally {
      await c.end();
    }

    // Same inputs again: plain reuse, nothing applied.
    const third = await seededDatabase(root, server, 1);
    expect(third.name).toBe(second.name);
    expect(third.migrated).toBeUndefined();
  });
});
