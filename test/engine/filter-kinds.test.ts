/**
 * Every modelled kind can be named by an --include/--exclude rule: the catalog kinds
 * (foreign data, replication, rules, statistics, text search, operators, casts,
 * languages, extension membership) by the names docs/coverage.md and src/core/filter.ts
 * give them, with what depends on them going along; and diff honours such rules.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { applyFilter, FILTER_KINDS, parseRule } from '../../src/core/filter.js';
import type { ObjectKind, Snapshot } from '../../src/core/model/index.js';
import { EVERY_KIND } from '../adopt/fixtures.js';
import { scratchBuilder } from './harness.js';

const build = scratchBuilder('strata_filter_kinds');
// Grants and owners go with what they are on; they are left out of the expected sets.
const attached = (id: string) => id.startsWith('owner:') || id.startsWith('privilege:');

/** Rule → the ids it leaves out (besides owners and grants), for each kind the first filters did not know. */
const CASES: [rule: string, kind: ObjectKind, gone: string[]][] = [
  ['access_method:strata_adopt_am', 'access_method', ['access_method:strata_adopt_am']],
  ['cast:app.money_pair.text', 'cast', ['cast:"app.money_pair".text']],
  ['conversion:app.latin1_*', 'conversion', ['conversion:app.latin1_utf8']],
  ['extension_member:citext.TYPE *', 'extension_member', ['extension_member:citext."TYPE ext.citext"']],
  ['user_mapping:strata_adopt_s.strata_adopt_reader', 'user_mapping', ['user_mapping:strata_adopt_s.strata_adopt_reader']],
  ['foreign_server:strata_adopt_s', 'foreign_server', ['column:ledger.rates.code', 'column:ledger.rates.rate', 'foreign_server:strata_adopt_s', 'foreign_table:ledger.rates', 'user_mapping:strata_adopt_s.strata_adopt_reader']],
  ['foreign_data_wrapper:strata_adopt_*', 'foreign_data_wrapper', ['column:ledger.rates.code', 'column:ledger.rates.rate', 'foreign_data_wrapper:strata_adopt_w', 'foreign_server:strata_adopt_s', 'foreign_table:ledger.rates', 'user_mapping:strata_adopt_s.strata_adopt_reader']],
  ['foreign_table:ledger.ra*', 'foreign_table', ['column:ledger.rates.code', 'column:ledger.rates.rate', 'foreign_table:ledger.rates']],
  ['language:strata_adopt_pl', 'language', ['language:strata_adopt_pl', 'transform:"app.money_pair".strata_adopt_pl']],
  ['transform:app.money_pair.*', 'transform', ['transform:"app.money_pair".strata_adopt_pl']],
  ['operator:app.=|', 'operator', ['operator:app."=|"(integer, integer)', 'operator_class:app.int_hash(hash)']],
  ['operator_class:app.int_hash', 'operator_class', ['operator_class:app.int_hash(hash)']],
  ['operator_family:app.*', 'operator_family', ['operator_class:app.int_hash(hash)', 'operator_family:app.int_hash(hash)']],
  ['publication:strata_adopt_pub', 'publication', ['publication:strata_adopt_pub', 'publication_table:strata_adopt_pub.app.orders']],
  ['publication_table:app.orders', 'publication_table', ['publication_table:strata_adopt_pub.app.orders']],
  ['subscription:strata_adopt_*', 'subscription', ['subscription:strata_adopt_sub']],
  ['replica_identity:app.orders', 'replica_identity', ['replica_identity:app.orders']],
  ['rule:ledger.scratch_keep', 'rule', ['rule:ledger.scratch.scratch_keep']],
  ['statistics:app.customers_stats', 'statistics', ['statistics:app.customers_stats']],
  ['ts_parser:app.prs', 'ts_parser', ['ts_configuration:app.cfg', 'ts_parser:app.prs']],
  ['ts_template:app.tmpl', 'ts_template', ['ts_configuration:app.cfg', 'ts_dictionary:app.dict', 'ts_template:app.tmpl']],
  ['ts_dictionary:app.dict', 'ts_dictionary', ['ts_configuration:app.cfg', 'ts_dictionary:app.dict']],
  ['ts_configuration:app.c?g', 'ts_configuration', ['ts_configuration:app.cfg']],
];

let live: Snapshot;
const gone = (rules: string[], mode: 'exclude' | 'include' = 'exclude') => {
  const kept = new Set(applyFilter(live, { include: [], exclude: [], [mode]: rules.map((r) => parseRule(r)) }).objects.map((o) => o.id));
  return live.objects.map((o) => o.id).filter((id) => !kept.has(id));
};

describe('filters over every kind', () => {
  it('names each catalog kind and leaves out what depends on it', async () => {
    live = await (await build(EVERY_KIND, 'every-kind')).snapshot();
    const named = new Set(CASES.map(([, k]) => k));
    // Together with the kinds test/adopt/filter.test.ts covers, every kind the model has.
    expect([...named].filter((k) => !FILTER_KINDS.includes(k))).toEqual([]);
    for (const [rule, kind, ids] of CASES) {
      expect(parseRule(rule).kinds, rule).toEqual([kind]);
      expect(gone([rule]).filter((id) => !attached(id)).sort(), rule).toEqual([...ids].sort());
    }
    // A misspelt catalog kind is still an error; a schema rule without a kind does not reach schemaless kinds.
    expect(() => parseRule('ts_dict:app.x')).toThrow(/unknown object kind "ts_dict"/);
    expect(gone(['app']).filter((id) => /^(publication|subscription|user_mapping|language|access_method):/.test(id))).toEqual(['language:strata_adopt_pl']);
  });

  it('includes: only the named kind and what it needs to stay whole', () => {
    const kept = new Set(live.objects.map((o) => o.id).filter((id) => !gone(['publication:*', 'subscription:*'], 'include').includes(id)));
    // The publication's table entry depends on app.orders, which the include leaves out: it goes too.
    expect([...kept].sort()).toEqual(['publication:strata_adopt_pub', 'subscription:strata_adopt_sub']);
  });

  it('strata diff leaves out what --exclude names of the catalog kinds', async () => {
    const plain = EVERY_KIND.slice(0, EVERY_KIND.indexOf('-- The catalog kinds'));
    expect(plain.length).toBeLessThan(EVERY_KIND.length);
    const [full, bare] = await Promise.all([build(EVERY_KIND, 'full'), build(plain, 'bare')]);
    const diff = async (extra: string[]) => {
      let out = '';
      let err = '';
      const code = await main(['diff', '--from', full.url, '--to', bare.url, ...extra], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: process.cwd(), isTTY: false });
      expect(err).toBe('');
      expect(code).toBe(0);
      return out;
    };
    const all = await diff([]);
    for (const s of ['DROP PUBLICATION strata_adopt_pub', 'DROP SUBSCRIPTION strata_adopt_sub', 'DROP RULE scratch_keep', 'DROP TEXT SEARCH CONFIGURATION app.cfg', 'DROP CAST', 'DROP LANGUAGE strata_adopt_pl']) expect(all).toContain(s);
    const rules = ['publication:*', 'subscription:*', 'rule:ledger.*', 'ts_parser:app.*', 'ts_template:app.*', 'cast:*', 'language:*', 'foreign_data_wrapper:*', 'access_method:*', 'operator_family:app.*', 'operator:app.*', 'conversion:app.*', 'statistics:app.*', 'replica_identity:app.orders', 'function:app.p*'];
    const filtered = await diff(rules.flatMap((r) => ['--exclude', r]));
    expect(filtered).toBe('');
  });
});
