/**
 * `strata pull` of a database holding the catalog kinds (text search objects,
 * operators with a class and family, casts, conversions, a language and a
 * transform): the files it writes build the same catalog again, in path order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { listDifferences } from '../../src/diff/index.js';
import { pullDatabase, writePulled } from '../../src/pull/index.js';
import { buildSnapshot } from '../../src/state/index.js';
import { testServer } from '../helpers/server.js';
import { CATALOG_CASES } from './cases-catalog.js';
import { scratchBuilder } from './harness.js';

const build = scratchBuilder('strata_catpull');
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('pulled files rebuild every catalog kind exactly', async () => {
  const server = await testServer();
  const wanted = /created, used by|operators, an operator class|casts|conversions|languages/;
  const sql = CATALOG_CASES.filter((c) => wanted.test(c.name)).map((c) => c.new).join(';\n');
  const db = await build(sql, 'all');
  const live = await db.snapshot();
  const kinds = new Set(live.objects.map((o) => o.kind));
  for (const k of ['ts_parser', 'ts_template', 'ts_dictionary', 'ts_configuration', 'operator', 'operator_family', 'operator_class', 'cast', 'conversion', 'language', 'transform'] as const) {
    expect(kinds.has(k), k).toBe(true);
  }
  const r = await pullDatabase({ url: db.url, server: server.target });
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-catpull-'));
  await writePulled(dir, r.files);
  const rebuilt = await buildSnapshot({ kind: 'schemaDir', dir }, server.target);
  expect(listDifferences(live, rebuilt)).toEqual([]);
}, 120_000);
