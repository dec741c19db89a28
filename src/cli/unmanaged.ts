/** The --strict option of diff, verify and drift, and the printing of not-managed objects. */
import type { CommandContext, OptionSpec } from './command.js';
import { formatDiagnostic } from '../core/diagnostic.js';
import type { UnmanagedObject } from '../core/model/index.js';
import { unmanagedDiagnostics } from '../verify/unmanaged.js';

export const STRICT_OPTION: OptionSpec = {
  type: 'boolean',
  description: 'objects strata does not model (reported as "not managed") are errors (exit 1) instead of warnings',
};

/** Print one line per unmanaged object on stderr (not with --json); true when --strict makes them fatal. */
export function reportUnmanaged(ctx: CommandContext, list: readonly UnmanagedObject[]): boolean {
  const strict = ctx.options.strict === true;
  if (!ctx.json) for (const d of unmanagedDiagnostics(list, strict)) ctx.err(formatDiagnostic(d) + '\n');
  return strict && list.length > 0;
}
