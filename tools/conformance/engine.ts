/**
 * The slice of strata the harness drives: snapshots of a database, the diff and the comparison.
 */
import { compareSnapshots, diffSnapshots } from '../../src/engine/index.js';
import { snapshotSession, type SnapshotSession } from '../../src/state/index.js';
import type { Snapshot as EngineSnapshot } from '../../src/core/model/index.js';

export type Snapshot = EngineSnapshot;

export interface EngineFacade {
  /**
   * Snapshots of one database on one kept connection: a case snapshots each of its two databases
   * three times, and a fresh connection's cold catalog caches cost more than the snapshot itself.
   */
  snapshotSession(url: string): SnapshotSession;
  diffSnapshots(from: Snapshot, to: Snapshot): { steps: unknown[]; up: string; down: string };
  compareSnapshots(a: Snapshot, b: Snapshot): string[];
}

export async function loadEngine(): Promise<EngineFacade> {
  return { snapshotSession, diffSnapshots, compareSnapshots };
}
