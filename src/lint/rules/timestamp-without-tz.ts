import type { SchemaRule } from '../types.js';
import { ofKind, schemaFinding } from './schema-helpers.js';

const NAIVE = new Set(['timestamp without time zone', 'timestamp without time zone[]']);

export const timestampWithoutTz: SchemaRule = {
  id: 'timestamp-without-tz',
  scope: 'schema',
  severity: 'warning',
  summary: 'a column is timestamp without time zone',
  check(s, ctx) {
    return ofKind(s, 'column')
      .filter((c) => NAIVE.has(c.type.replace(/\(\d+\)/, '')))
      .map((c) => schemaFinding(s, ctx, 'timestamp-without-tz', c, `column ${c.table}.${c.qname} is ${c.type}: the offset is lost and comparisons depend on the session time zone`, 'use timestamptz'));
  },
};
