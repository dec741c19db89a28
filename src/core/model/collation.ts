import type { ObjectBase } from './base.js';

export interface CollationObject extends ObjectBase {
  kind: 'collation';
  schema: string;
  name: string;
  qname: string;
  /** libc | icu | builtin */
  provider: 'libc' | 'icu' | 'builtin';
  /** libc: LC_COLLATE and LC_CTYPE; icu/builtin: the locale. */
  lcCollate: string | null;
  lcCtype: string | null;
  locale: string | null;
  deterministic: boolean;
  /** ICU tailoring rules (PostgreSQL 16+). */
  rules: string | null;
}
