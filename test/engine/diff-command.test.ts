/**
 * `strata diff` end to end through the CLI entry point: the project workflow
 * (schema/ vs migrations/, NAME writes the pair and atlas.sum, "no changes"),
 * and --from/--to with --down.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSession } from './harness.js';

const cli = cliSession('strata-eng-cli-');
const strata = cli.strata;

describe('strata diff', () => {
  it('writes a migration pair named with a UTC timestamp, then reports no changes', async () => {
    const project = path.join(cli.dir, 'project');
    await mkdir(path.join(project, 'schema'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), '{}');
    await writeFile(path.join(project, 'schema', 'tables.sql'), 'CREATE TABLE t (id int PRIMARY KEY, name text);\n');

    const first = await strata(['diff', 'init'], project);
    expect(first.err).toMatch(/wrote migrations\/\d{14}_init\.up\.sql/);
    expect(first.code).toBe(0);
    expect(first.out).toContain('CREATE TABLE public.t (');
    const files = (await readdir(path.join(project, 'migrations'))).sort();
    expect(files).toHaveLength(3);
    expect(files[0]).toMatch(/^\d{14}_init\.down\.sql$/);
    expect(files[1]).toMatch(/^\d{14}_init\.up\.sql$/);
    expect(files[2]).toBe('atlas.sum');
    const up = await readFile(path.join(project, 'migrations', files[1]!), 'utf8');
    expect(up).toBe(first.out);
    // Each file starts with the fingerprints of the states it was planned between; down swaps them.
    const header = /^-- strata:from-state sha256:([0-9a-f]{64})\n-- strata:to-state sha256:([0-9a-f]{64})\n/;
    const [, upFrom, upTo] = header.exec(up)!;
    const initDown = await readFile(path.join(project, 'migrations', files[0]!), 'utf8');
    expect(initDown.replace(header, '')).toBe('DROP TABLE public.t;\n');
    expect(header.exec(initDown)!.slice(1)).toEqual([upTo, upFrom]);
    expect(await readFile(path.join(project, 'migrations', 'atlas.sum'), 'utf8')).toContain(files[1]);

    const again = await strata(['diff'], project);
    expect(again).toMatchObject({ code: 0, out: 'no changes\n' });

    await writeFile(path.join(project, 'schema', 'tables.sql'), 'CREATE TABLE t (id int PRIMARY KEY);\n');
    const second = await strata(['diff', 'drop_name'], project);
    expect(second.code).toBe(0);
    expect(second.out.replace(header, '')).toBe('ALTER TABLE public.t DROP COLUMN name;\n');
    expect(second.err).toContain('warning: data loss: ALTER TABLE public.t DROP COLUMN name\n');
    const after = (await readdir(path.join(project, 'migrations'))).filter((f) => f.endsWith('.up.sql')).sort();
    expect(after).toHaveLength(2);
    expect(after[1]! > after[0]!).toBe(true);
    const down = await readFile(path.join(project, 'migrations', after[1]!.replace('.up.', '.down.')), 'utf8');
    expect(down.replace(header, '')).toBe('-- down restores column name without its data\nALTER TABLE public.t ADD COLUMN name text;\n');
    expect((await strata(['diff'], project)).out).toBe('no changes\n');
  });

  it('diffs any two states with --from/--to, and prints the inverse with --down', async () => {
    await writeFile(path.join(cli.dir, 'a.sql'), `CREATE TYPE e AS ENUM ('x');`);
    await writeFile(path.join(cli.dir, 'b.sql'), `CREATE TYPE e AS ENUM ('x', 'y');`);
    const up = await strata(['diff', '--from', 'a.sql', '--to', 'b.sql']);
    expect(up).toMatchObject({ code: 0, out: `ALTER TYPE public.e ADD VALUE 'y' AFTER 'x';\n` });
    const down = await strata(['diff', '--from', 'a.sql', '--to', 'b.sql', '--down']);
    expect(down.code).toBe(0);
    expect(down.out).toContain('CREATE TYPE public.e AS ENUM');
    const same = await strata(['diff', '--from', 'a.sql', '--to', 'a.sql']);
    expect(same).toMatchObject({ code: 0, out: '' });
    const usage = await strata(['diff', '--from', 'a.sql']);
    expect(usage.code).toBe(2);
  });

  it('says which roles the sources named; up creates a missing one only when absent, down never drops it', async () => {
    await writeFile(path.join(cli.dir, 'r.sql'), `CREATE ROLE strata_eng_reader NOLOGIN;\nCREATE TABLE r (id int);\nGRANT SELECT ON r TO strata_eng_reader;`);
    const r = await strata(['diff', '--from', 'a.sql', '--to', 'r.sql']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('note: role(s) strata_eng_reader are cluster-wide');
    const guard = r.out.split('\n').find((l) => l.startsWith('DO '));
    expect(guard).toContain("IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strata_eng_reader')");
    expect(guard).toContain("EXECUTE 'CREATE ROLE strata_eng_reader NOLOGIN'");
    expect(r.out.indexOf(guard!)).toBeLessThan(r.out.indexOf('CREATE TABLE public.r'));
    const down = await strata(['diff', '--from', 'a.sql', '--to', 'r.sql', '--down']);
    expect(down.out).not.toMatch(/ROLE/);
  });
});
