/**
 * The catalog kinds' pure parts: dictionary options as the server writes them,
 * operator ids, and the family-member and mapping statements the rules produce.
 */
import { describe, expect, it } from 'vitest';
import { parseId } from '../../src/core/ids.js';
import type { OperatorFamilyObject, TextSearchConfigurationObject } from '../../src/core/model/index.js';
import { parseDictOptions } from '../../src/introspect/readers/text-search.js';
import { operatorId } from '../../src/introspect/readers/operators.js';
import { operatorFamilyRules } from '../../src/plan/rules/operator.js';
import { tsConfigurationRules } from '../../src/plan/rules/text-search.js';
import type { RuleContext } from '../../src/plan/types.js';

const ctx = {} as RuleContext;

describe('text search dictionary options (serialize_deflist output)', () => {
  it('reads quoted keys, doubled quotes and E-strings, sorted by key', () => {
    expect(parseDictOptions(null)).toEqual([]);
    expect(parseDictOptions(`stopwords = 'english', accept = 'false'`)).toEqual(['accept=false', 'stopwords=english']);
    expect(parseDictOptions(`"Odd Key" = 'it''s', path = E'a\\\\b'`)).toEqual(['Odd Key=it\'s', 'path=a\\b']);
  });
  it('refuses text it does not understand instead of guessing', () => {
    expect(() => parseDictOptions(`accept false`)).toThrow(/unexpected/);
    expect(() => parseDictOptions(`accept = 'false`)).toThrow(/unexpected/);
  });
});

describe('operator ids', () => {
  it('carry the operand types, NONE for a prefix operator, and read back', () => {
    expect(operatorId('s', '===', 'integer', 'integer')).toBe('operator:s."==="(integer, integer)');
    expect(operatorId('s', '!!', null, 'bigint')).toBe('operator:s."!!"(NONE, bigint)');
    expect(parseId('operator:s."==="(integer, integer)')).toEqual({ kind: 'operator', parts: ['s', '==='], args: 'integer, integer' });
    expect(parseId('owner:operator_class:s.cls(btree)')).toEqual({ kind: 'owner', target: { kind: 'operator_class', parts: ['s', 'cls'], args: 'btree' } });
  });
});

const family = (members: OperatorFamilyObject['members']): OperatorFamilyObject => ({
  kind: 'operator_family', id: 'operator_family:s.f(btree)', parent: null, comment: null, dependsOn: [],
  schema: 's', name: 'f', qname: 's.f', method: 'btree', members,
});

describe('rules', () => {
  it('a family drops removed members and adds new ones in place, a changed member both', () => {
    const a = family([
      { add: 'OPERATOR 1 s.< (integer, bigint)', drop: 'OPERATOR 1 (integer, bigint)' },
      { add: 'FUNCTION 1 (integer, bigint) s.cmp(integer,bigint)', drop: 'FUNCTION 1 (integer, bigint)' },
    ]);
    const b = family([
      { add: 'FUNCTION 1 (integer, bigint) s.cmp2(integer,bigint)', drop: 'FUNCTION 1 (integer, bigint)' },
      { add: 'OPERATOR 1 s.< (integer, smallint)', drop: 'OPERATOR 1 (integer, smallint)' },
    ]);
    expect(operatorFamilyRules.alter(a, b, ctx)!.map((s) => s.sql)).toEqual([
      'ALTER OPERATOR FAMILY s.f USING btree DROP OPERATOR 1 (integer, bigint), FUNCTION 1 (integer, bigint)',
      'ALTER OPERATOR FAMILY s.f USING btree ADD FUNCTION 1 (integer, bigint) s.cmp2(integer,bigint), OPERATOR 1 s.< (integer, smallint)',
    ]);
    expect(operatorFamilyRules.alter(a, a, ctx)).toEqual([]);
  });

  it('a configuration groups tokens with the same dictionaries and recreates on a new parser', () => {
    const cfg = (parser: string, mappings: TextSearchConfigurationObject['mappings']): TextSearchConfigurationObject => ({
      kind: 'ts_configuration', id: 'ts_configuration:s.c', parent: null, comment: null, dependsOn: [],
      schema: 's', name: 'c', qname: 's.c', parser, mappings,
    });
    const c = cfg('pg_catalog."default"', [
      { token: 'asciiword', dictionaries: ['s.d', 'pg_catalog.simple'] },
      { token: 'int', dictionaries: ['pg_catalog.simple'] },
      { token: 'word', dictionaries: ['s.d', 'pg_catalog.simple'] },
    ]);
    expect(tsConfigurationRules.create(c, ctx).map((s) => s.sql)).toEqual([
      'CREATE TEXT SEARCH CONFIGURATION s.c (PARSER = pg_catalog."default")',
      'ALTER TEXT SEARCH CONFIGURATION s.c ADD MAPPING FOR asciiword, word WITH s.d, pg_catalog.simple',
      'ALTER TEXT SEARCH CONFIGURATION s.c ADD MAPPING FOR int WITH pg_catalog.simple',
    ]);
    expect(tsConfigurationRules.alter(c, cfg('s.p', c.mappings), ctx)).toBeNull();
  });
});
