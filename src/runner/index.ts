export {
  ADVISORY_LOCK_KEY,
  baselineHistoryError,
  migrateBaseline,
  migrateDown,
  migrateRepair,
  migrateStatus,
  migrateUp,
  type BaselineOptions,
  type DownOptions,
  type RepairOptions,
  type RepairResult,
  type RunResult,
  type RunnerEvent,
  type RunnerOptions,
  type StatusResult,
  type UpOptions,
} from './runner.js';
export { compareHistory, type MigrationState, type StatusEntry } from './check.js';
export { readHistory, HISTORY_SCHEMA, HISTORY_TABLE, type HistoryRow } from './history.js';
export { resolveMigrationTarget, DEV_DATABASE, type MigrationTarget } from './target.js';
