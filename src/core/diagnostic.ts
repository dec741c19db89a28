/**
 * One diagnostic shape for every stage: parse errors, database errors, lint
 * findings and runner refusals. Library code returns or throws these; only the
 * CLI entry point turns them into exit codes and printed lines.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  /** Stable machine code, `<stage>.<kebab-case>`, e.g. `source.syntax`, `shadow.apply`, `runner.checksum` (list: docs/architecture.md). */
  code: string;
  severity: Severity;
  /** What the diagnostic is about: a file, an object id, a migration version. */
  subject: string;
  message: string;
  location?: Location;
  /** PostgreSQL SQLSTATE when the cause is a database error. */
  sqlstate?: string;
  /** Constraint name from the server's error fields, when there is one. */
  constraint?: string;
  /** One line telling the user what to do about it. */
  hint?: string;
  /** Extra lines (the offending statement, a caret line, ...). */
  detail?: string;
}

/** Thrown by library code for failures the user can act on. */
export class StrataError extends Error {
  readonly diagnostic: Diagnostic;
  /** 1 = failure or findings, 2 = usage error. */
  readonly exitCode: 1 | 2;

  constructor(diagnostic: Diagnostic, exitCode: 1 | 2 = 1) {
    super(diagnostic.message);
    this.name = 'StrataError';
    this.diagnostic = diagnostic;
    this.exitCode = exitCode;
  }
}

export function usageError(message: string, hint?: string): StrataError {
  return new StrataError({ code: 'cli.usage', severity: 'error', subject: 'usage', message, hint }, 2);
}

/** `file:line:column: message` for humans; the first line of every printed error. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : '';
  const state = d.sqlstate ? ` [SQLSTATE ${d.sqlstate}${d.constraint ? `, constraint ${d.constraint}` : ''}]` : '';
  let out = `${where}${d.severity}: ${d.message}${state}`;
  if (d.detail) out += `\n${d.detail}`;
  if (d.hint) out += `\nhint: ${d.hint}`;
  return out;
}
