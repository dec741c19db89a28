/**
 * PostgreSQL errors (pg's error object: SQLSTATE in `code`, plus the server's
 * detail, hint, constraint and position fields) as strata diagnostics.
 */
import type { Diagnostic, Location } from '../core/diagnostic.js';
import { errorPosition, errorSite, type LocatedText } from '../core/location.js';

export interface PgErrorFields {
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  constraint?: string;
  /** 1-based character offset into the statement, as a string (pg's shape). */
  position?: string;
}

export function isPgError(e: unknown): e is PgErrorFields {
  const x = e as Partial<PgErrorFields> | null;
  return typeof x === 'object' && x !== null && typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code) && typeof x.message === 'string';
}

/** The diagnostic for a server error, or undefined when `e` is not one. */
export function pgDiagnostic(
  e: unknown,
  at: { code?: string; subject?: string; location?: Location } = {},
): Diagnostic | undefined {
  if (!isPgError(e)) return undefined;
  return {
    code: at.code ?? 'db.error',
    severity: 'error',
    subject: at.subject ?? 'database',
    message: e.message,
    location: at.location,
    sqlstate: e.code,
    constraint: e.constraint,
    detail: e.detail,
    hint: e.hint,
  };
}

/**
 * An error raised by one statement of a file: located at the server's error position inside the
 * statement (its start when there is none), with the statement excerpt and caret (`errorSite`) and
 * the server's DETAIL as the diagnostic's detail. Shadow and runner both report through this.
 */
export function statementDiagnostic(e: unknown, stmt: LocatedText, at: { code: string; subject: string }): Diagnostic {
  const { location, excerpt } = errorSite(stmt, errorPosition(e));
  const message = String((e as { message?: unknown } | null)?.message ?? e).split('\n\n')[0]!;
  const base = pgDiagnostic(e, { ...at, location }) ?? { code: at.code, severity: 'error' as const, subject: at.subject, location, message };
  return { ...base, message, detail: [excerpt, base.detail ? `DETAIL: ${base.detail}` : ''].filter(Boolean).join('\n') };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

/** The diagnostic for a server that cannot be reached, or undefined. */
export function connectDiagnostic(e: unknown): Diagnostic | undefined {
  const err = e as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  const code = err?.code ?? err?.errors?.[0]?.code;
  if (!code || !UNREACHABLE.has(code)) return undefined;
  return {
    code: 'db.connect',
    severity: 'error',
    subject: 'database',
    message: `cannot reach the database server: ${err.message || err.errors?.[0]?.message || code}`,
    hint: 'check --database-url / DATABASE_URL, or unset it to use the embedded cluster',
  };
}
