import type { MigrationRule } from '../types.js';

/** Up then down (replayed by the runner on a scratch database) must give back the state before up. */
export const downNotInverse: MigrationRule = {
  id: 'down-not-inverse',
  scope: 'migration',
  severity: 'error',
  summary: 'the down file does not restore the state before the up file',
  check(m, ctx) {
    if (!m.downFile) return [];
    const base = { rule: 'down-not-inverse', severity: ctx.severity, file: m.downFile, line: 1 };
    if (m.downError) return [{ ...base, message: `down file fails after its up file: ${m.downError}` }];
    const r = m.downResidue ?? [];
    if (!r.length) return [];
    const shown = r.slice(0, 3).join('; ');
    return [{ ...base, message: `up then down does not give back the state before ${m.version}: ${shown}${r.length > 3 ? ` (and ${r.length - 3} more)` : ''}`, hint: 'regenerate the pair with strata diff, or make the down undo exactly what the up does' }];
  },
};
