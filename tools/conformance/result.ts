/** What one case produced: plain JSON so workers can send it over IPC and reports can store it. */
export interface Check {
  ok: boolean;
  /** One line: the first error or the first snapshot difference. */
  reason?: string;
  /** Reported, not failed: e.g. the same columns in another order, which PostgreSQL cannot change in place. */
  note?: string;
}

export type CaseStatus =
  /** Ran through the engine; see the checks. */
  | 'ran'
  /** Loaded on PostgreSQL; the engine was not run (load-only mode). */
  | 'loaded'
  /** old.sql or new.sql does not load locally, or metadata rules it out. Counted apart. */
  | 'unloadable'
  /** The harness or engine crashed or timed out before the checks finished. */
  | 'error';

export interface CaseResult {
  id: string;
  source: string;
  category: string;
  tags: string[];
  status: CaseStatus;
  /** For unloadable and error: why. */
  reason?: string;
  /** (a) up applied to old gives new. */
  up?: Check;
  /** (b) down applied to new gives old. */
  down?: Check;
  /** (c) diff(new, new) and diff(old, old) are empty. */
  idempotent?: Check;
  /** (d) generating again from fresh snapshots gives byte-identical SQL. */
  deterministic?: Check;
  /** Roles the case's SQL names, which the harness makes sure exist. */
  roles?: string[];
  /** How loading had to help: schemas created, statements deferred past forward references. */
  loadNotes?: string[];
  ms: number;
}

export const CHECKS = ['up', 'down', 'idempotent', 'deterministic'] as const;
export type CheckName = (typeof CHECKS)[number];
