/** Differences as text, one per line, with diff-style markers relative to the expected state. */
import type { Difference } from '../diff/index.js';

export type { Difference } from '../diff/index.js';

const LABEL: Record<Difference['kind'], string> = {
  missing: '+ missing',
  extra: '- extra  ',
  differs: '~ differs',
};

export function formatDifferences(ds: Difference[]): string {
  return ds.map((d) => `  ${LABEL[d.kind]}  ${d.id}${d.kind === 'differs' ? `: ${describeField(d)}` : ''}\n`).join('');
}

/** `field: expected <value>, actual <value>`, values as JSON. */
export function describeField(d: Extract<Difference, { kind: 'differs' }>): string {
  return `${d.field}: expected ${JSON.stringify(d.expected)}, actual ${JSON.stringify(d.actual)}`;
}
