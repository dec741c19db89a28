/**
 * `strata pull`: a live database → desired-state files that build it again. Proven on
 * the reference schema (migrations/ built into a database, pulled, rebuilt, compared)
 * and on a multi-schema database holding every modelled kind.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FILTER_KINDS } from '../../src/core/filter.js';
import { listDifferences } from '../../src/diff/index.js';
import { pullDatabase, writePulled } from '../../src/pull/index.js';
import { buildInto, buildSnapshot, snapshotDatabase } from '../../src/state/index.js';
import { scratchBuilder } from '../engine/harness.js';
import { PROJECT_ROOT, testServer, type ScratchDb } from '../helpers/server.js';
import { EVERY_KIND } from './fixtures.js';

let tmp: string;
const dbs: ScratchDb[] = [];
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-pull-'));
});
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
  await rm(tmp, { recursive: true, force: true });
});
const build = scratchBuilder('strata_pull');

async function strata(args: string[], url: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--database-url', url], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: tmp, isTTY: false });
  return { code, out, err };
}

async function readFolder(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')] as const)));
}

describe('strata pull', () => {
  it('writes the reference schema as files that rebuild it exactly, in path order', async () => {
    const server = await testServer();
    const db = await server.scratch({ prefix: 'strata_pull_ref' });
    dbs.push(db);
    await buildInto({ kind: 'migrationsDir', dir: path.join(PROJECT_ROOT, 'migrations') }, db.url);
    const out = path.join(tmp, 'reference');

    const r = await strata(['pull', '--out', out], db.url);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = await readFolder(out);
    expect(r.out).toContain(`${files.size} files`);
    const names = [...files.keys()];
    expect(names[0]).toBe('001_roles.sql');
    expect(names.every((n) => /^\d{3}_[A-Za-z0-9_.-]+\.sql$/.test(n))).toBe(true);

    const live = await snapshotDatabase(db.url);
    const rebuilt = await buildSnapshot({ kind: 'schemaDir', dir: out }, server.target);
    expect(listDifferences(live, rebuilt)).toEqual([]);

    const all = [...files.values()].join('\n');
    expect(all).not.toMatch(/ALTER TABLE ONLY|^SET /m);
    // Every object comment is kept (but those of what every fresh database holds).
    const fresh = new Set(['schema:public', 'extension:plpgsql']);
    const commented = live.objects.filter((o) => o.comment !== null && o.kind !== 'column' && !fresh.has(o.id)).length;
    expect(commented).toBeGreaterThan(10);
    expect(all.match(/^COMMENT ON (?!COLUMN)/gm)?.length).toBe(commented);
    // A table's file holds its indexes, policies and grants.
    const policy = live.objects.find((o) => o.kind === 'policy')!;
    const table = live.objects.find((o) => o.id === policy.parent)!;
    const own = [...files].find(([, text]) => text.includes(`CREATE TABLE ${(table as { qname: string }).qname} (`))!;
    expect(own[0]).toContain((table as { name: string }).name);
    const index = live.objects.find((o) => o.kind === 'index' && o.parent === table.id);
    if (index) expect(own[1]).toContain(`CREATE INDEX ${(index as { name: string }).name} `);
    expect(own[1]).toContain(`CREATE POLICY ${(policy as { qname: string }).qname} ON`);
    expect(own[1]).toMatch(/^GRANT .* ON TABLE /m);

    // A folder with .sql files is refused; --force replaces them, with the same bytes.
    const again = await strata(['pull', '--out', out], db.url);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds');
    expect((await strata(['pull', '--out', out, '--force'], db.url)).code).toBe(0);
    expect(await readFolder(out)).toEqual(files);
  });

  it('round-trips a multi-schema database holding every modelled kind', async () => {
    const server = await testServer();
    const db = await build(EVERY_KIND, 'every-kind');
    const live = await snapshotDatabase(db.url);
    // Every kind a filter can name is there (extension_member: what citext owns).
    expect(new Set(live.objects.map((o) => o.kind))).toEqual(new Set(FILTER_KINDS));

    const pulled = await pullDatabase({ url: db.url, server: server.target });
    const out = path.join(tmp, 'every-kind');
    await writePulled(out, pulled.files);
    const names = pulled.files.map((f) => f.path);
    for (const s of ['app', 'ledger', 'ext']) expect(names).toContain(names.find((n) => n.includes(`schema.${s}.sql`)));
    expect(names.at(-1)).toMatch(/_default_privileges\.sql$/);
    // The foreign-key cycle between two tables is broken across their files, in order.
    const customers = names.findIndex((n) => n.endsWith('app.customers.sql'));
    const orders = names.findIndex((n) => n.endsWith('app.orders.sql'));
    expect(customers).toBeLessThan(orders);
    expect(pulled.files[orders]!.content).toContain('ADD CONSTRAINT customers_best_order_fk');
    // A partition lives with its parent table, an owned sequence with its table.
    const entries = pulled.files.find((f) => f.path.endsWith('ledger.entries.sql'))!;
    expect(entries.content).toContain('CREATE TABLE ledger.entries_2026 PARTITION OF ledger.entries');
    expect(pulled.files[orders]!.content).toContain('CREATE SEQUENCE app.orders_id_seq');
    // A SQL function comes after the table its body reads.
    expect(names.findIndex((n) => n.endsWith('ledger.book.function.sql'))).toBeGreaterThan(names.findIndex((n) => n.endsWith('ledger.entries.sql')));

    const rebuilt = await buildSnapshot({ kind: 'schemaDir', dir: out }, server.target);
    expect(listDifferences(live, rebuilt)).toEqual([]);
  });
});
