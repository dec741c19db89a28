/**
 * The project config: `strata.config.json` at the project root (JSON with
 * comments). It says where the project's folders are and what is specific to the
 * application (tenancy, lint rules, docs options), so toolkit code never names
 * anything of one schema. Every section is optional; a project without the file
 * gets the defaults. Feature sections (`lint`, `docs`, `test`, ...) are read and
 * checked by their own modules through `section()`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { StrataError } from '../core/diagnostic.js';
import { lineColumn } from '../core/location.js';

export const CONFIG_FILE = 'strata.config.json';

export interface TenancyConfig {
  /** Column every tenant-scoped table carries, e.g. `tenant_id`. */
  column: string;
  /** Application roles a tenant's unit of work runs as (SET LOCAL ROLE). */
  roles: string[];
  /** Transaction-local settings holding the context, read by the schema's policies. */
  settings: { tenant: string; user?: string };
}

export interface ProjectConfig {
  /** Absolute project root (the folder holding the config file, or the working directory). */
  root: string;
  /** Absolute path of the config file, undefined when the project has none. */
  file?: string;
  /** Absolute folder paths. */
  paths: { schema: string; migrations: string; queries: string; seed: string; docs: string };
  tenancy?: TenancyConfig;
  /** A feature section as written (undefined when absent); the feature checks its shape. */
  section(name: string): unknown;
}

const FOLDERS = ['schema', 'migrations', 'queries', 'seed', 'docs'] as const;
const KNOWN = new Set<string>([...FOLDERS, '$schema', 'tenancy', 'lint', 'docs', 'test', 'seedProfiles', 'filters', 'online', 'backup', 'pool', 'encryption']);

/** Read `<root>/strata.config.json` (defaults when it does not exist). */
export async function loadConfig(root: string): Promise<ProjectConfig> {
  const abs = path.resolve(root);
  const file = path.join(abs, CONFIG_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return text === undefined ? configFrom(abs, undefined, {}) : configFrom(abs, file, parseConfig(text, path.relative(process.cwd(), file) || CONFIG_FILE));
}

/** Parse the file's text; a syntax error or a wrong shape is reported at file:line:column. */
export function parseConfig(text: string, displayPath: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length) {
    const e = errors[0]!;
    const { line, column } = lineColumn(text, e.offset);
    throw configError(displayPath, `invalid JSON: ${printParseErrorCode(e.error)}`, { file: displayPath, line, column });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw configError(displayPath, 'the config must be a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!KNOWN.has(k)) throw configError(displayPath, `unknown key "${k}"`, undefined, `known keys: ${[...KNOWN].filter((x) => x !== '$schema').join(', ')}`);
  }
  return obj;
}

function configFrom(root: string, file: string | undefined, raw: Record<string, unknown>): ProjectConfig {
  const label = file ? path.relative(process.cwd(), file) || CONFIG_FILE : CONFIG_FILE;
  const folder = (k: (typeof FOLDERS)[number]) => {
    const v = raw[k] ?? k;
    if (typeof v !== 'string' || !v) throw configError(label, `"${k}" must be a folder path (a string)`);
    return path.resolve(root, v);
  };
  const paths = { schema: folder('schema'), migrations: folder('migrations'), queries: folder('queries'), seed: folder('seed'), docs: folder('docs') };
  return { root, file, paths, tenancy: tenancyFrom(raw.tenancy, label), section: (name) => raw[name] };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const SETTING = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;

function tenancyFrom(v: unknown, label: string): TenancyConfig | undefined {
  if (v === undefined) return undefined;
  const t = v as Partial<Record<keyof TenancyConfig, unknown>>;
  if (typeof v !== 'object' || v === null) throw configError(label, '"tenancy" must be an object');
  if (typeof t.column !== 'string' || !IDENT.test(t.column)) throw configError(label, '"tenancy.column" must be a column name');
  if (!Array.isArray(t.roles) || !t.roles.length || !t.roles.every((r) => typeof r === 'string' && IDENT.test(r))) {
    throw configError(label, '"tenancy.roles" must be a non-empty list of role names');
  }
  const s = (t.settings ?? {}) as { tenant?: unknown; user?: unknown };
  if (typeof s.tenant !== 'string' || !SETTING.test(s.tenant)) throw configError(label, '"tenancy.settings.tenant" must be a setting name such as app.tenant_id');
  if (s.user !== undefined && (typeof s.user !== 'string' || !SETTING.test(s.user))) throw configError(label, '"tenancy.settings.user" must be a setting name such as app.user_id');
  return { column: t.column, roles: t.roles as string[], settings: { tenant: s.tenant, ...(s.user ? { user: s.user as string } : {}) } };
}

export function configError(subject: string, message: string, location?: { file: string; line: number; column: number }, hint?: string): StrataError {
  return new StrataError({ code: 'config.invalid', severity: 'error', subject, message, location, hint }, 2);
}
