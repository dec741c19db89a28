import type { SchemaRule } from '../types.js';
import type { FunctionObject } from '../../core/model/index.js';
import { schemaFinding, schemaObjects } from './schema-helpers.js';

/** SECURITY DEFINER without SET search_path: a caller's search_path can make it run the caller's objects with the owner's rights. */
export const securityDefinerSearchPath: SchemaRule = {
  id: 'security-definer-search-path',
  scope: 'schema',
  severity: 'error',
  summary: 'a SECURITY DEFINER function does not fix search_path',
  check(s, ctx) {
    return s.facts.functions
      .filter((f) => f.securityDefiner && !f.fixedSearchPath)
      .map((f) => schemaFinding(s, ctx, 'security-definer-search-path', f.id, `SECURITY DEFINER function ${(schemaObjects(s).get(f.id) as FunctionObject | undefined)?.signature ?? f.name} does not set search_path`, "add SET search_path = pg_catalog, pg_temp (and qualify names) to the function"));
  },
};
