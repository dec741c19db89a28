/**
 * The slice of strata the harness drives: snapshots of a database, the diff and the comparison.
 */
import { compareSnapshots, diffSnapshots } from '../../src/engine/index.js';
import { snapshotDatabase } from '../../src/state/index.js';
import type { Snapshot as EngineSnapshot } from '../../src/core/model/index.js';

export type Snapshot = EngineSnapshot;

export interface EngineFacade {
  snapshotDatabase(url: string): Promise<Snapshot>;
  diffSnapshots(from: Snapshot, to: Snapshot): { steps: unknown[]; up: string; down: string };
  compareSnapshots(a: Snapshot, b: Snapshot): string[];
}

export async function loadEngine(): Promise<EngineFacade> {
  return { snapshotDatabase, diffSnapshots, compareSnapshots };
}
