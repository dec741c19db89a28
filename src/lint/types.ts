/**
 * The lint stage's vocabulary: typed inputs (snapshots, plan steps, statement
 * locations, catalog facts, query descriptions) gathered by `src/lint-run`, and
 * the findings rules return. Everything here is plain data: rules are pure.
 */
import type { Snapshot } from '../core/model/index.js';
import type { QueryDescription } from '../core/query.js';
import type { PlanStep } from '../plan/types.js';
import type { LintConfig } from './config.js';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Rule id, e.g. `destructive`, `squawk/ban-drop-database`; anchor in docs/lint-rules.md. */
  rule: string;
  severity: FindingSeverity;
  file: string;
  line: number;
  message: string;
  /** Object the finding is about (an id of the catalog model), when there is one. */
  subject?: string;
  hint?: string;
  /** Set when a `-- strata:ignore` comment acknowledged it: the reason given. */
  suppressed?: string;
}

/** `-- strata:ignore RULE reason` in the comments before (or on the line of) a statement. */
export interface Suppression {
  rule: string;
  /** '' when none was given (itself a finding). */
  reason: string;
  file: string;
  line: number;
}

/** One statement of a migration or desired-state file, with what its parse tree says it touches. */
export interface StatementInfo {
  file: string;
  line: number;
  /** Parse node type, e.g. `IndexStmt`. */
  kind: string;
  /** Ids of the relations it creates, alters, drops, grants on or comments on (`table:public.t`). */
  relations: string[];
  /** Ids of other objects it names (`index:public.i`, `function:public.f`, `schema:app`). */
  objects: string[];
  /** CREATE/DROP INDEX CONCURRENTLY. */
  concurrent: boolean;
  /** Settings it SETs (`lock_timeout`). */
  sets: string[];
  /** Columns and tables it renames, as [old id, new id]: the diff sees a drop and a create, the data stays. */
  renames: [string, string][];
  /**
   * Column type changes (`ALTER COLUMN … TYPE`), with how the values convert: `none` without USING, `cast`
   * when USING only casts the column (what the engine writes by default), `expression` for any other USING
   * expression (a conversion someone gave, e.g. a `-- @using-down` hint the engine rendered).
   */
  typeChanges: { column: string; conversion: 'none' | 'cast' | 'expression' }[];
  suppressions: Suppression[];
}

/** Catalog facts the snapshot model does not carry, read from the built database. */
export interface CatalogFacts {
  /** Foreign keys with their column names in key order, and the referenced table (id) and columns in the same order. */
  foreignKeys: { id: string; table: string; name: string; columns: string[]; references: { table: string; columns: string[] } }[];
  /**
   * Primary key, unique and exclusion constraints: key columns in order (null for an expression), the
   * exclusion operator per column (null for other kinds), and the id of the index that enforces it.
   */
  keys: { id: string; table: string; name: string; type: 'primary key' | 'unique' | 'exclude'; columns: (string | null)[]; operators: string[] | null; index: string | null }[];
  /** Indexes: key columns in order (null for an expression key), method, uniqueness, partiality. */
  indexes: { id: string; table: string; name: string; columns: (string | null)[]; method: string; unique: boolean; partial: boolean; primary: boolean }[];
  /** Functions: SECURITY DEFINER, whether proconfig fixes search_path, language. */
  functions: { id: string; name: string; securityDefiner: boolean; fixedSearchPath: boolean; language: string }[];
  /** Column ids whose default calls a volatile function. */
  volatileDefaults: string[];
  /** Policy ids whose expressions reference the given column names, per policy. */
  policyColumns: Record<string, string[]>;
}

/** Rows and bytes of a table of the target database (`--database-url`). */
export interface TableSize {
  /** Planner estimate (pg_class.reltuples); null when the table was never analyzed. */
  rows: number | null;
  bytes: number;
}

export interface MigrationInput {
  version: string;
  name: string;
  /** Display paths. */
  upFile: string;
  downFile: string | null;
  transactional: boolean;
  statements: StatementInfo[];
  /** The down file's statements, parsed as the up file's are; null without a down file. */
  downStatements: StatementInfo[] | null;
  before: Snapshot;
  after: Snapshot;
  /** diffSnapshots(before, after).steps: what the migration does. */
  steps: PlanStep[];
  /** diffSnapshots(before, after).downSteps: what a generated down does (absent when not planned). */
  downSteps?: PlanStep[];
  /** Facts of the state before the migration (the keys it drops are only there). */
  beforeFacts: CatalogFacts;
  afterFacts: CatalogFacts;
  /**
   * Differences between `before` and the state after up then down (replayed by the runner);
   * null when there is no down file to check.
   */
  downResidue: string[] | null;
  /** Set when running the down file failed. */
  downError: string | null;
  /** Query descriptions against the state before and after; null when there is no query folder. */
  queriesBefore: QueryDescription[] | null;
  queriesAfter: QueryDescription[] | null;
  /** Findings squawk reported on the up file, mapped to strata findings (before suppressions). */
  external: Finding[];
  /** Table id → size on the target database, when `--database-url` was given. */
  sizes: Record<string, TableSize> | null;
}

export type { QueryDescription } from '../core/query.js';

export interface SchemaInput {
  snapshot: Snapshot;
  facts: CatalogFacts;
  statements: StatementInfo[];
  /** plpgsql_check results, or null when the extension is not available on the server. */
  plpgsqlCheck: { function: string; message: string; level: string }[] | null;
}

export interface LintInput {
  migrations: MigrationInput[];
  /** Null when the desired state is not linted (no schema folder). */
  schema: SchemaInput | null;
  tenancy?: { column: string; roles: string[] };
}

/** A rule over one migration. */
export interface MigrationRule {
  id: string;
  scope: 'migration';
  severity: FindingSeverity;
  summary: string;
  check(m: MigrationInput, ctx: RuleContext): Finding[];
}

/** A rule over the desired state. */
export interface SchemaRule {
  id: string;
  scope: 'schema';
  severity: FindingSeverity;
  summary: string;
  check(s: SchemaInput, ctx: RuleContext): Finding[];
}

export type Rule = MigrationRule | SchemaRule;

export interface RuleContext {
  config: LintConfig;
  tenancy?: { column: string; roles: string[] };
  /** Severity configured for the rule (or its default). */
  severity: FindingSeverity;
}
