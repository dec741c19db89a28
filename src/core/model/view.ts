import type { ObjectBase } from './base.js';

/** A column of a view as the catalog records it: what CREATE OR REPLACE VIEW must keep. */
export interface ViewColumn {
  name: string;
  /** quote_ident(name). */
  qname: string;
  /** format_type(atttypid, atttypmod). */
  type: string;
  comment: string | null;
}

interface ViewLike extends ObjectBase {
  schema: string;
  name: string;
  qname: string;
  /** pg_get_viewdef text without its trailing semicolon. */
  definition: string;
  /** reloptions (`security_barrier=true`, `check_option=local`, storage parameters), sorted. */
  options: string[];
  /** Output columns in order. */
  columns: ViewColumn[];
}

export interface ViewObject extends ViewLike {
  kind: 'view';
}

export interface MaterializedViewObject extends ViewLike {
  kind: 'materialized_view';
  /** False when created (or refreshed) WITH NO DATA. */
  populated: boolean;
}
