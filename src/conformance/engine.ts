/**
 * The slice of the engine façade (`src/engine/index.ts`) the harness drives.
 * Loaded at run time so the harness can classify the corpus before the engine
 * exists, and so an engine that fails to import is reported, not a crash.
 */
export type Snapshot = unknown;

export interface EngineFacade {
  snapshotDatabase(url: string): Promise<Snapshot>;
  diffSnapshots(from: Snapshot, to: Snapshot): { steps: unknown[]; up: string; down: string };
  compareSnapshots(a: Snapshot, b: Snapshot): string[];
}

const ENGINE_MODULE = '../engine/index.js';

export async function loadEngine(): Promise<EngineFacade> {
  const spec: string = ENGINE_MODULE;
  const mod = (await import(spec)) as Partial<EngineFacade>;
  for (const fn of ['snapshotDatabase', 'diffSnapshots', 'compareSnapshots'] as const) {
    if (typeof mod[fn] !== 'function') throw new Error(`engine façade lacks ${fn}()`);
  }
  return mod as EngineFacade;
}
