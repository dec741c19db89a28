/** Every strata lint rule, one module each. squawk's rules arrive as `squawk/<name>` findings. */
import type { Rule } from '../types.js';
import { accessWidening } from './access-widening.js';
import { constraintNotValid } from './constraint-not-valid.js';
import { dataDependent } from './data-dependent.js';
import { destructive } from './destructive.js';
import { distributionKey } from './distribution-key.js';
import { downNarrowing } from './down-narrowing.js';
import { downNotInverse } from './down-not-inverse.js';
import { duplicateIndex } from './duplicate-index.js';
import { fkIndex } from './fk-index.js';
import { indexNotConcurrent } from './index-not-concurrent.js';
import { lockTimeout } from './lock-timeout.js';
import { missingComment } from './missing-comment.js';
import { missingDown } from './missing-down.js';
import { naming } from './naming.js';
import { plpgsqlCheck } from './plpgsql-check.js';
import { queryBroken } from './query-broken.js';
import { queryTypeChanged } from './query-type-changed.js';
import { securityDefinerSearchPath } from './security-definer-search-path.js';
import { tablePk } from './table-pk.js';
import { tableRewrite } from './table-rewrite.js';
import { tenantRls } from './tenant-rls.js';
import { timestampWithoutTz } from './timestamp-without-tz.js';
import { varcharLength } from './varchar-length.js';
import { volatileDefault } from './volatile-default.js';

export const RULES: readonly Rule[] = [
  destructive,
  dataDependent,
  indexNotConcurrent,
  constraintNotValid,
  tableRewrite,
  volatileDefault,
  lockTimeout,
  missingDown,
  downNotInverse,
  downNarrowing,
  queryBroken,
  queryTypeChanged,
  accessWidening,
  tenantRls,
  distributionKey,
  fkIndex,
  duplicateIndex,
  securityDefinerSearchPath,
  tablePk,
  missingComment,
  naming,
  timestampWithoutTz,
  varcharLength,
  plpgsqlCheck,
];

/** Findings strata itself raises about suppression comments. */
export const SUPPRESSION_RULE = 'suppression';

export const RULE_IDS: ReadonlySet<string> = new Set([...RULES.map((r) => r.id), SUPPRESSION_RULE]);
