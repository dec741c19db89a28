/**
 * Objects a state holds that strata does not model, as diagnostics: a warning
 * each, or an error each under --strict, so a migration never leaves them out silently.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { sortUnmanaged, type Snapshot, type UnmanagedObject } from '../core/model/index.js';

/** The unmanaged objects of all the given states, each once, sorted. */
export function unmanagedOf(...snapshots: (Snapshot | undefined)[]): UnmanagedObject[] {
  return sortUnmanaged(snapshots.flatMap((s) => s?.unmanaged ?? []));
}

export function unmanagedDiagnostics(list: readonly UnmanagedObject[], strict: boolean): Diagnostic[] {
  return list.map((u, i) => ({
    code: 'coverage.unmanaged',
    severity: strict ? 'error' : 'warning',
    subject: `${u.kind} ${u.name}`,
    message: `not managed: ${u.kind} ${u.name}`,
    hint:
      i === list.length - 1
        ? 'strata does not model these kinds (docs/coverage.md): migrations will not create, change or drop them'
        : undefined,
  }));
}
