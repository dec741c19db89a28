/**
 * Progress for long operations: `label … 1.23s` on stderr once a step ends,
 * only when stdout is a terminal and not --json (ctx.progress), so piped and
 * machine output stay clean.
 */
import type { CommandContext } from './command.js';

export async function step<T>(ctx: Pick<CommandContext, 'progress' | 'err'>, label: string, fn: () => Promise<T>): Promise<T> {
  if (!ctx.progress) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    ctx.err(`  ${label} … ${((performance.now() - t0) / 1000).toFixed(2)}s\n`);
  }
}

/** A callback for library code that reports finished steps itself (e.g. cluster start). */
export function stepReporter(ctx: Pick<CommandContext, 'progress' | 'err'>): ((label: string, ms: number) => void) | undefined {
  return ctx.progress ? (label, ms) => ctx.err(`  ${label} … ${(ms / 1000).toFixed(2)}s\n`) : undefined;
}
