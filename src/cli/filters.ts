/**
 * `--include` / `--exclude` and the config's `filters` section, shared by every command
 * that reads a state (diff, verify, drift, pull), so they all leave out the same objects.
 */
import type { CommandContext, OptionSpec } from './command.js';
import { loadConfig } from '../config/index.js';
import { filterFromConfig, isEmptyFilter, mergeFilters, parseRule, type ObjectFilter } from '../core/filter.js';

export const filterOptions: Record<string, OptionSpec> = {
  include: {
    type: 'string',
    multiple: true,
    valueName: '<rule>',
    description: 'only these objects: [kind:]schema[.name] with * and ? globs, e.g. app or table:public.*',
  },
  exclude: {
    type: 'string',
    multiple: true,
    valueName: '<rule>',
    description: 'leave these objects out, e.g. auth, public.spatial_ref_sys, table:public.*_p20*',
  },
};

/** The project config's filters, then the command line's; undefined when there are none. */
export async function commandFilter(ctx: CommandContext): Promise<ObjectFilter | undefined> {
  const config = await loadConfig(ctx.cwd);
  const fromConfig = filterFromConfig(config.section('filters'), config.file ? 'strata.config.json' : undefined);
  const list = (k: string) => {
    const v = ctx.options[k];
    return (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).map((r) => parseRule(r, `--${k}`));
  };
  const f = mergeFilters(fromConfig, { include: list('include'), exclude: list('exclude') });
  return isEmptyFilter(f) ? undefined : f;
}
