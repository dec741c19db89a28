/**
 * Filters: objects other tools own are left out of every snapshot, so diff, verify,
 * drift and pull neither drop nor report nor write them; rules come from the config's
 * `filters` and from --include/--exclude.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { applyFilter, filterFromConfig, parseRule } from '../../src/core/filter.js';
import { StrataError } from '../../src/core/diagnostic.js';
import { snapshotDatabase } from '../../src/state/index.js';
import { scratchBuilder } from '../engine/harness.js';

const OTHERS = `
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql AS $$ SELECT NULL::uuid $$;
CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE public.events_p2026_01 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE public.profiles (id uuid PRIMARY KEY, name text);
CREATE INDEX profiles_name ON public.profiles (name);
CREATE TABLE public.links (profile_id uuid REFERENCES public.profiles (id), user_id uuid REFERENCES auth.users (id));
`;
// What the team's own schema/ says: no auth schema, no partitions, no links to auth.
const OURS = `
CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE public.profiles (id uuid PRIMARY KEY, name text);
CREATE INDEX profiles_name ON public.profiles (name);
CREATE TABLE public.links (profile_id uuid REFERENCES public.profiles (id), user_id uuid);
`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-filter-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
const build = scratchBuilder('strata_filter');

async function strata(args: string[], url: string, cwd = tmp): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--database-url', url], { out: (t) => void (out += t), err: (t) => void (err += t), cwd, isTTY: false });
  return { code, out, err };
}

describe('filter rules', () => {
  it('parses [kind:]schema[.name] and the config forms, and names what is wrong', () => {
    expect(parseRule('auth')).toEqual({ schema: 'auth' });
    expect(parseRule('public.spatial_ref_sys')).toEqual({ schema: 'public', name: 'spatial_ref_sys' });
    expect(parseRule('table:public.*_p20*')).toEqual({ kinds: ['table'], schema: 'public', name: '*_p20*' });
    expect(parseRule('extension:postgis')).toEqual({ kinds: ['extension'], name: 'postgis' });
    expect(parseRule('schema:pg_*')).toEqual({ kinds: ['schema'], schema: 'pg_*' });
    expect(() => parseRule('tabel:public.x')).toThrow(/unknown object kind "tabel"/);
    expect(() => parseRule('public.')).toThrow(/write schema.name/);
    expect(filterFromConfig({ exclude: ['auth', { kind: ['table', 'view'], schema: 'public', name: 'tmp_*' }] })).toEqual({
      include: [],
      exclude: [{ schema: 'auth' }, { kinds: ['table', 'view'], schema: 'public', name: 'tmp_*' }],
    });
    for (const [raw, message] of [
      [['auth'], /must be an object/],
      [{ exclude: 'auth' }, /must be a list/],
      [{ ignore: [] }, /unknown key "filters.ignore"/],
      [{ exclude: [{ table: 'x' }] }, /unknown key "table"/],
      [{ exclude: [{ kind: 'nope' }] }, /unknown object kind "nope"/],
    ] as const) {
      try {
        filterFromConfig(raw);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(StrataError);
        expect((e as StrataError).diagnostic.code).toBe('config.invalid');
        expect((e as StrataError).diagnostic.message).toMatch(message);
      }
    }
  });

  it('leaves out what a rule matches and everything inside or depending on it', async () => {
    const db = await build(OTHERS, 'others');
    const snap = await snapshotDatabase(db.url);
    const ids = (f: Parameters<typeof applyFilter>[1]) => applyFilter(snap, f).objects.map((o) => o.id);
    const noAuth = ids({ include: [], exclude: [parseRule('auth')] });
    expect(noAuth.filter((id) => id.includes('auth'))).toEqual([]);
    // The foreign key into auth goes with auth; the table holding it stays.
    expect(noAuth).toContain('table:public.links');
    expect(noAuth).not.toContain('constraint:public.links.links_user_id_fkey');
    expect(noAuth).toContain('constraint:public.links.links_profile_id_fkey');
    // A kind and a glob: the partitions go, the partitioned table stays.
    const noPartitions = ids({ include: [], exclude: [parseRule('table:public.events_p*')] });
    expect(noPartitions).toContain('table:public.events');
    expect(noPartitions.filter((id) => id.includes('events_p2026'))).toEqual([]);
    // A table rule takes its columns, indexes and grants along.
    const noProfiles = ids({ include: [], exclude: [parseRule('public.profiles')] });
    expect(noProfiles.filter((id) => id.includes('profiles'))).toEqual([]);
    // Includes: only what they match.
    const onlyAuth = ids({ include: [parseRule('auth')], exclude: [] });
    expect(onlyAuth.length).toBeGreaterThan(0);
    expect(onlyAuth.every((id) => id.includes('auth'))).toBe(true);
  });
});

describe('filters in the commands', () => {
  it('diff, verify, drift and pull leave out what the config and --exclude filter', async () => {
    const live = await build(OTHERS, 'live');
    const project = path.join(tmp, 'project');
    await mkdir(path.join(project, 'schema'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), '{}');
    await writeFile(path.join(project, 'schema', 'app.sql'), OURS);

    // Without filters the diff drops the other tool's objects.
    const unfiltered = await strata(['diff', '--from', live.url, '--to', 'schema'], live.url, project);
    expect(unfiltered.code).toBe(0);
    expect(unfiltered.out).toContain('DROP TABLE auth.users');
    expect(unfiltered.out).toContain('DROP TABLE public.events_p2026_01');

    await writeFile(
      path.join(project, 'strata.config.json'),
      `// the auth schema belongs to the platform; partitions to pg_partman
      { "filters": { "exclude": ["auth", { "kind": "table", "schema": "public", "name": "events_p*" }] } }`,
    );
    const filtered = await strata(['diff', '--from', live.url, '--to', 'schema'], live.url, project);
    expect(filtered).toMatchObject({ code: 0, out: '' });

    // The same on the command line, here for the partitions alone: auth is reported again.
    await rm(path.join(project, 'strata.config.json'));
    const cli = await strata(['diff', '--from', live.url, '--to', 'schema', '--exclude', 'table:public.events_p*'], live.url, project);
    expect(cli.out).toContain('DROP TABLE auth.users');
    expect(cli.out).not.toContain('events_p2026');
    const both = await strata(['diff', '--from', live.url, '--to', 'schema', '--exclude', 'table:public.events_p*', '--exclude', 'auth'], live.url, project);
    expect(both.out).toBe('');

    // drift against schema/ only (no history in the live database) is clean once filtered.
    const drift = await strata(['drift', '--schema', 'schema', '--dir', 'migrations', '--exclude', 'auth', '--exclude', 'table:*.events_p*'], live.url, project);
    expect(drift.out).toContain('no drift from the desired state');
    expect(drift.code).toBe(0);
    const drifted = await strata(['drift', '--schema', 'schema', '--dir', 'migrations'], live.url, project);
    expect(drifted.code).toBe(1);

    // verify: a migration folder creating the partition too, filtered out, verifies clean.
    await mkdir(path.join(project, 'migrations'), { recursive: true });
    await writeFile(path.join(project, 'migrations', '20260101000000_init.up.sql'), `${OURS}\nCREATE TABLE public.events_p2026_01 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');\n`);
    expect((await strata(['verify'], live.url, project)).code).toBe(1);
    expect((await strata(['verify', '--exclude', 'table:public.events_p*'], live.url, project)).code).toBe(0);

    // A malformed rule is a usage error (exit 2) naming the option; a bad config section is one too.
    const bad = await strata(['diff', '--from', live.url, '--to', 'schema', '--exclude', 'tabel:public.x'], live.url, project);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown object kind "tabel"');
    await writeFile(path.join(project, 'strata.config.json'), '{ "filters": { "exclude": "auth" } }');
    const badConfig = await strata(['verify'], live.url, project);
    expect(badConfig.code).toBe(2);
    expect(badConfig.err).toContain('"filters.exclude" must be a list of rules');
    await rm(path.join(project, 'strata.config.json'));

    // pull writes none of it.
    const out = path.join(project, 'pulled');
    const pulled = await strata(['pull', '--out', out, '--exclude', 'auth', '--exclude', 'table:public.events_p*'], live.url, project);
    expect(pulled.code).toBe(0);
    const text = (await Promise.all((await readdir(out)).map((f) => readFile(path.join(out, f), 'utf8')))).join('\n');
    expect(text).toContain('CREATE TABLE public.profiles');
    expect(text).not.toMatch(/auth|events_p2026/);
  });
});
