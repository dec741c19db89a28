/**
 * Compare the directory with the history before doing anything. Pure: takes the
 * files and rows, returns every refusal, each with the exact remedy.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Migration } from '../migrations/index.js';
import type { HistoryRow } from './history.js';

export type MigrationState = 'applied' | 'pending' | 'dirty' | 'changed' | 'missing' | 'unknown';

export interface StatusEntry {
  version: string;
  name: string;
  state: MigrationState;
  file?: string;
  appliedAt?: string;
  executionMs?: number;
  appliedBy?: string;
  transactional?: boolean;
  hasDown?: boolean;
}

export function compareHistory(migrations: Migration[], rows: HistoryRow[], dirLabel: string): { entries: StatusEntry[]; problems: Diagnostic[] } {
  const files = new Map(migrations.map((m) => [m.versionNumber, m]));
  const applied = new Map(rows.map((r) => [BigInt(r.version), r]));
  const maxFile = migrations.at(-1)?.versionNumber ?? -1n;
  const maxApplied = rows.length ? BigInt(rows.at(-1)!.version) : -1n;
  const entries: StatusEntry[] = [];
  const problems: Diagnostic[] = [];
  const versions = [...new Set([...files.keys(), ...applied.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const v of versions) {
    const m = files.get(v);
    const r = applied.get(v);
    const base = {
      version: m?.version ?? r!.version,
      name: m?.name ?? r!.name,
      file: m?.up.file,
      appliedAt: r?.appliedAt,
      executionMs: r?.executionMs,
      appliedBy: r?.appliedBy,
      transactional: m?.up.transactional,
      hasDown: m ? m.down !== undefined : undefined,
    };
    if (r?.dirty) {
      entries.push({ ...base, state: 'dirty' });
      problems.push({
        code: 'runner.dirty',
        severity: 'error',
        subject: base.version,
        message: `migration ${base.version} (${base.name}) is dirty: it ran outside a transaction and did not finish`,
        hint:
          `look at what it changed, then either finish its remaining statements by hand and run ` +
          `\`strata migrate repair --mark-applied\`, or undo what it did and run \`strata migrate repair\` ` +
          `(forgets the row so \`strata migrate up\` runs it again)`,
      });
    } else if (r && !m) {
      if (v > maxFile) {
        entries.push({ ...base, state: 'unknown' });
        problems.push({
          code: 'runner.unknown-version',
          severity: 'error',
          subject: base.version,
          message: `the database has migration ${base.version} (${base.name}) applied, which ${dirLabel} does not know: the database is ahead of this checkout`,
          hint:
            `check out the branch that has ${base.version}_${base.name}.up.sql, or roll it back from that branch with ` +
            `\`strata migrate down --to ${maxFile < 0n ? '0' : maxFile.toString()}\`; if the row is stale, \`strata migrate repair --forget ${base.version}\``,
        });
      } else {
        entries.push({ ...base, state: 'missing' });
        problems.push({
          code: 'runner.missing-file',
          severity: 'error',
          subject: base.version,
          message: `migration ${base.version} (${base.name}) is applied but ${base.version}_${base.name}.up.sql is missing from ${dirLabel}`,
          hint:
            `restore the file (\`git log --diff-filter=D --name-only -- ${dirLabel}\` finds the commit that removed it); ` +
            `if its changes were really undone by hand, \`strata migrate repair --forget ${base.version}\``,
        });
      }
    } else if (r && m && r.checksum !== m.up.checksum) {
      entries.push({ ...base, state: 'changed' });
      problems.push({
        code: 'runner.checksum',
        severity: 'error',
        subject: base.version,
        message: `${m.up.file} was changed after it was applied (checksum ${r.checksum.slice(0, 12)} in the history, ${m.up.checksum.slice(0, 12)} on disk)`,
        hint:
          `restore it (\`git checkout <commit> -- ${dirLabel}/${m.up.file}\`) and put the change in a new migration; ` +
          `if the edit is cosmetic and the database already matches it, \`strata migrate repair --checksums\``,
      });
    } else if (r) {
      entries.push({ ...base, state: 'applied' });
    } else {
      entries.push({ ...base, state: 'pending' });
      if (v < maxApplied) {
        problems.push({
          code: 'runner.out-of-order',
          severity: 'error',
          subject: base.version,
          message: `${m!.up.file} is pending but older than the latest applied migration ${maxApplied}`,
          hint: `rename it (both up and down) to a version above ${maxApplied}, e.g. with today's timestamp, then run \`strata migrate hash\``,
        });
      }
    }
  }
  return { entries, problems };
}
