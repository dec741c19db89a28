/** Small SQL text helpers shared by the rules. */
import { idPart } from '../../core/ids.js';

/**
 * A name quoted the way ids quote it (bare only when plain lower-case). Not
 * keyword-aware: use it for names strata makes up; catalog names come quoted (qname).
 */
export const quoteIdent = idPart;

export function literal(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

export function commentOn(target: string, comment: string | null): string {
  return `COMMENT ON ${target} IS ${comment === null ? 'NULL' : literal(comment)}`;
}

/** COMMENT statement for a created object, when it has a comment. */
export function createComment(target: string, comment: string | null): { sql: string; lock: 'none' }[] {
  return comment === null ? [] : [{ sql: commentOn(target, comment), lock: 'none' }];
}

