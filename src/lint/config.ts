/**
 * The `lint` section of strata.config.json, checked here (the config module only
 * hands it over):
 *
 *   "lint": {
 *     "rules": { "missing-comment": "off", "varchar-length": "error" },   // off | info | warning | error
 *     "naming": { "table": "^[a-z][a-z0-9_]*$", "index": "^(idx|uq)_" },  // regex per object kind
 *     "comments": ["table", "column"],                                    // kinds that need COMMENT ON
 *     "squawk": { "exclude": ["prefer-robust-stmts"] },                     // extra squawk rules to leave out
 *     "distribution": { "column": "org_id", "reference": ["public.plans"], "local": [] }  // Citus readiness
 *   }
 */
import { StrataError } from '../core/diagnostic.js';
import type { FindingSeverity } from './types.js';

export type RuleSetting = FindingSeverity | 'off';

export const NAMING_KINDS = ['table', 'column', 'index', 'constraint', 'view', 'function', 'schema'] as const;
export type NamingKind = (typeof NAMING_KINDS)[number];

export const COMMENT_KINDS = ['table', 'column', 'view', 'materialized_view', 'function', 'schema'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export interface LintConfig {
  rules: Record<string, RuleSetting>;
  naming: Partial<Record<NamingKind, string>>;
  comments: CommentKind[];
  squawk: { exclude: string[] };
  /**
   * Citus distribution (rule `distribution-key`); null when the section is absent (the rule then checks
   * nothing). `column` null means `tenancy.column`. Tables are `schema.name` (or `name` for public).
   */
  distribution: { column: string | null; reference: string[]; local: string[] } | null;
}

const SNAKE = '^[a-z_][a-z0-9_]*$';

export const DEFAULT_LINT_CONFIG: LintConfig = {
  rules: {},
  naming: Object.fromEntries(NAMING_KINDS.map((k) => [k, SNAKE])) as Record<NamingKind, string>,
  comments: ['table', 'column'],
  squawk: { exclude: [] },
  distribution: null,
};

const SETTINGS = new Set(['off', 'info', 'warning', 'error']);

/** Validate the raw section against the known rule ids; throws a config error (exit 2) naming the key. */
export function lintConfigFrom(raw: unknown, knownRules: ReadonlySet<string>, file = 'strata.config.json'): LintConfig {
  if (raw === undefined) return DEFAULT_LINT_CONFIG;
  const fail = (message: string, hint?: string) => new StrataError({ code: 'config.invalid', severity: 'error', subject: file, message: `"lint": ${message}`, hint }, 2);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('must be an object');
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!['rules', 'naming', 'comments', 'squawk', 'distribution'].includes(k)) throw fail(`unknown key "${k}"`, 'known keys: rules, naming, comments, squawk, distribution');
  const rules: Record<string, RuleSetting> = {};
  if (r.rules !== undefined) {
    if (typeof r.rules !== 'object' || r.rules === null || Array.isArray(r.rules)) throw fail('"rules" must be an object of rule id → off|info|warning|error');
    for (const [id, v] of Object.entries(r.rules)) {
      if (!knownRules.has(id) && !id.startsWith('squawk/')) throw fail(`unknown rule "${id}"`, 'rule ids are listed in docs/lint-rules.md');
      if (typeof v !== 'string' || !SETTINGS.has(v)) throw fail(`rule "${id}" must be off, info, warning or error`);
      rules[id] = v as RuleSetting;
    }
  }
  const naming = { ...DEFAULT_LINT_CONFIG.naming };
  if (r.naming !== undefined) {
    if (typeof r.naming !== 'object' || r.naming === null || Array.isArray(r.naming)) throw fail('"naming" must be an object of kind → regular expression');
    for (const [k, v] of Object.entries(r.naming)) {
      if (!(NAMING_KINDS as readonly string[]).includes(k)) throw fail(`unknown naming kind "${k}"`, `kinds: ${NAMING_KINDS.join(', ')}`);
      if (typeof v !== 'string') throw fail(`naming "${k}" must be a regular expression string`);
      try {
        new RegExp(v);
      } catch (e) {
        throw fail(`naming "${k}" is not a valid regular expression: ${(e as Error).message}`);
      }
      naming[k as NamingKind] = v;
    }
  }
  let comments = DEFAULT_LINT_CONFIG.comments;
  if (r.comments !== undefined) {
    if (!Array.isArray(r.comments) || !r.comments.every((c) => (COMMENT_KINDS as readonly string[]).includes(c as string))) {
      throw fail(`"comments" must be a list of ${COMMENT_KINDS.join(', ')}`);
    }
    comments = r.comments as CommentKind[];
  }
  const squawk = { exclude: [] as string[] };
  if (r.squawk !== undefined) {
    const s = r.squawk as { exclude?: unknown };
    if (typeof s !== 'object' || s === null || (s.exclude !== undefined && (!Array.isArray(s.exclude) || !s.exclude.every((x) => typeof x === 'string')))) {
      throw fail('"squawk" must be { "exclude": [rule names] }');
    }
    squawk.exclude = (s.exclude as string[] | undefined) ?? [];
  }
  let distribution: LintConfig['distribution'] = null;
  if (r.distribution !== undefined) {
    const d = r.distribution as Record<string, unknown>;
    const names = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== ''));
    if (typeof d !== 'object' || d === null || Array.isArray(d)) throw fail('"distribution" must be an object');
    for (const k of Object.keys(d)) if (!['column', 'reference', 'local'].includes(k)) throw fail(`"distribution": unknown key "${k}"`, 'known keys: column, reference, local');
    if (d.column !== undefined && (typeof d.column !== 'string' || d.column === '')) throw fail('"distribution.column" must be a column name');
    if (!names(d.reference) || !names(d.local)) throw fail('"distribution.reference" and "distribution.local" must be lists of table names (schema.table)');
    distribution = { column: (d.column as string | undefined) ?? null, reference: (d.reference as string[] | undefined) ?? [], local: (d.local as string[] | undefined) ?? [] };
  }
  return { rules, naming, comments, squawk, distribution };
}
