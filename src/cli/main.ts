/**
 * The `strata` entry point: finds the command, parses its options, prints help,
 * runs it, and turns errors into one printed diagnostic and an exit code
 * (0 ok, 1 failure or findings, 2 usage error). The only place that prints.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDiagnostic, StrataError, usageError, type Diagnostic } from '../core/diagnostic.js';
import { connectDiagnostic, pgDiagnostic } from '../db/errors.js';
import type { Command, CommandContext, OptionSpec } from './command.js';
import { commands as registry, type CommandEntry, type LazyCommands } from './commands/index.js';

export interface MainIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** stdout is a terminal (enables progress lines). */
  isTTY: boolean;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show help for strata or a command' },
  version: { type: 'boolean', description: 'print the strata version' },
  json: { type: 'boolean', description: 'machine-readable output on stdout' },
  verbose: { type: 'boolean', short: 'v', description: 'more output; stack traces on errors' },
  project: {
    type: 'string',
    valueName: '<dir>',
    description: 'the project root every command works in (default: the nearest directory upwards holding strata.config.json, package.json or schema/)',
  },
  'database-url': {
    type: 'string',
    valueName: '<url>',
    description: 'use this PostgreSQL server instead of the embedded cluster (default: $DATABASE_URL)',
  },
};

const here = path.dirname(fileURLToPath(import.meta.url));

export function strataVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(here, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The project root: the nearest directory upwards holding strata.config.json, package.json or schema/. */
export function projectRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (['strata.config.json', 'package.json', 'schema'].some((f) => existsSync(path.join(dir, f)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

function isCommand(v: unknown): v is Command {
  return (
    typeof v === 'object' && v !== null && Array.isArray((v as Command).path) && typeof (v as Command).run === 'function'
  );
}

function isLazy(e: CommandEntry): e is LazyCommands {
  return typeof (e as LazyCommands).load === 'function';
}

const startsWith = (words: string[], prefix: string[]) => prefix.every((w, i) => words[i] === w);

/** Commands a lazy module exports, under whatever names. */
async function loadEntry(entry: LazyCommands): Promise<Command[] | undefined> {
  let mod: Record<string, unknown>;
  try {
    mod = await entry.load();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // The module is registered but not written yet: behave as an unknown command.
    if (err.code === 'ERR_MODULE_NOT_FOUND' && new RegExp(`commands[/\\\\]${entry.path[0]}\\.[jt]s`).test(err.message)) {
      return undefined;
    }
    throw e;
  }
  return Object.values(mod)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter(isCommand);
}

/** Every available command (loads every module; used for help listings). */
export async function allCommands(entries: CommandEntry[] = registry): Promise<Command[]> {
  const out: Command[] = [];
  for (const e of entries) {
    if (!isLazy(e)) out.push(e);
    else out.push(...((await loadEntry(e)) ?? []));
  }
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = c.path.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Leading words of argv (skipping global options), up to the first other option or `--`. */
function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      const name = a.replace(/^--?/, '').split('=')[0]!;
      const spec = Object.entries(GLOBAL_OPTIONS).find(([k, s]) => k === name || s.short === name)?.[1];
      if (!spec) break;
      if (spec.type === 'string' && !a.includes('=')) i++;
      continue;
    }
    words.push(a);
  }
  return words;
}

/** argv without the first occurrence of each command word. */
function withoutWords(argv: string[], cmdPath: string[]): string[] {
  const rest = [...argv];
  let from = 0;
  for (const w of cmdPath) {
    const i = rest.indexOf(w, from);
    if (i >= 0) {
      rest.splice(i, 1);
      from = i;
    }
  }
  return rest;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

function optionLines(specs: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(specs).map(([name, s]) => {
    const flag = `${s.short ? `-${s.short}, ` : '    '}--${name}${s.type === 'string' ? ` ${s.valueName ?? '<value>'}` : ''}`;
    const def = s.default !== undefined && s.default !== false ? ` (default: ${String(s.default)})` : '';
    return [flag, s.description + def] as const;
  });
  const width = Math.max(0, ...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`);
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: strata ${cmd.path.join(' ')}${cmd.usage ? ' ' + cmd.usage : ''}`, '', cmd.summary];
  if (cmd.description) lines.push('', cmd.description.trimEnd());
  if (Object.keys(cmd.options).length) lines.push('', 'Options:', ...optionLines(cmd.options));
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  return lines.join('\n') + '\n';
}

async function rootHelp(): Promise<string> {
  const rows: [string, string][] = [];
  for (const e of registry) {
    if (!isLazy(e)) {
      rows.push([e.path.join(' '), e.summary]);
      continue;
    }
    let cmds: Command[] | undefined;
    try {
      cmds = await loadEntry(e);
    } catch (err) {
      // One broken module must not hide the others' help.
      rows.push([e.path.join(' '), `${e.summary} (cannot load: ${(err as Error).message.split('\n')[0]})`]);
      continue;
    }
    if (!cmds || cmds.length === 0) continue;
    if (cmds.length === 1 && cmds[0]!.path.join(' ') === e.path.join(' ')) rows.push([e.path.join(' '), cmds[0]!.summary]);
    else for (const c of cmds) rows.push([c.path.join(' '), c.summary]);
  }
  return [
    'strata: declarative PostgreSQL schema-as-code',
    '',
    'Usage: strata <command> [options]',
    '',
    'Commands:',
    ...table(rows),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Run `strata <command> --help` for the options of a command.',
    'Without --database-url or DATABASE_URL, commands use the embedded cluster in .strata/ (started on demand).',
    '',
  ].join('\n');
}

function groupHelp(prefix: string[], cmds: Command[]): string {
  return [
    `Usage: strata ${prefix.join(' ')} <command> [options]`,
    '',
    'Commands:',
    ...table(cmds.map((c) => [c.path.join(' '), c.summary])),
    '',
    `Run \`strata ${prefix.join(' ')} <command> --help\` for its options.`,
    '',
  ].join('\n');
}

type Resolved = { kind: 'command'; cmd: Command } | { kind: 'group'; prefix: string[]; cmds: Command[] } | { kind: 'none' };

async function resolveCommand(words: string[]): Promise<Resolved> {
  if (words.length === 0) return { kind: 'none' };
  const candidates: Command[] = [];
  for (const e of registry) {
    if (!isLazy(e)) {
      if (startsWith(words, e.path) || startsWith(e.path, words)) candidates.push(e);
    } else if (startsWith(words, e.path) || startsWith(e.path, words)) {
      candidates.push(...((await loadEntry(e)) ?? []));
    }
  }
  const exact = candidates.filter((c) => startsWith(words, c.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (exact) return { kind: 'command', cmd: exact };
  const below = candidates.filter((c) => startsWith(c.path, words.slice(0, 1)));
  if (below.length) {
    // `strata db` or `strata db nope`: the group exists, the subcommand does not.
    const depth = Math.max(...below.map((c) => commonPrefix(c.path, words)));
    const prefix = words.slice(0, Math.max(1, depth));
    return { kind: 'group', prefix, cmds: below.filter((c) => startsWith(c.path, prefix)) };
  }
  return { kind: 'none' };
}

function commonPrefix(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

async function unknownCommand(words: string[]): Promise<StrataError> {
  const names = [...new Set(registry.map((e) => e.path[0]!))];
  const close = names
    .map((n) => [n, levenshtein(words[0]!, n)] as const)
    .filter(([, d]) => d <= 2)
    .sort((a, b) => a[1] - b[1])
    .map(([n]) => n);
  return usageError(
    `unknown command: ${words[0]}`,
    close.length ? `did you mean \`strata ${close[0]}\`? (\`strata --help\` lists all)` : 'run `strata --help` for the list of commands',
  );
}

function parseError(e: unknown, cmd?: Command): StrataError {
  const msg = (e as Error).message.split('\n')[0]!;
  const hint = cmd ? `run \`strata ${cmd.path.join(' ')} --help\` for its options` : 'run `strata --help`';
  return usageError(msg.replace(/\. To specify a positional argument.*$/, ''), hint);
}

/** A database error as a diagnostic, so it prints like every other error. */
function asDiagnostic(e: unknown): Diagnostic | undefined {
  if (e instanceof StrataError) return e.diagnostic;
  return pgDiagnostic(e) ?? connectDiagnostic(e);
}

export async function main(argv: string[], io: Partial<MainIO> = {}): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const err = io.err ?? ((t: string) => void process.stderr.write(t));
  const isTTY = io.isTTY ?? Boolean(process.stdout.isTTY);
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const json = argv.includes('--json');
  let cmd: Command | undefined;
  try {
    const words = commandWords(argv);
    const resolved = await resolveCommand(words);
    if (resolved.kind !== 'command') {
      const globals = parseGlobals(argv);
      if (resolved.kind === 'group') {
        const help = groupHelp(resolved.prefix, resolved.cmds);
        if (globals.help && words.length === resolved.prefix.length) {
          out(help);
          return 0;
        }
        const missing = words.length === resolved.prefix.length;
        const subs = resolved.cmds.map((c) => c.path.slice(resolved.prefix.length).join(' '));
        const typed = words.slice(resolved.prefix.length).join(' ');
        const close = subs.filter((s) => levenshtein(typed, s) <= 2);
        throw usageError(
          missing ? `missing subcommand for strata ${resolved.prefix.join(' ')}` : `unknown command: strata ${words.join(' ')}`,
          close.length && !missing
            ? `did you mean \`strata ${resolved.prefix.join(' ')} ${close[0]}\`?`
            : `one of: ${subs.join(', ')} (see \`strata ${resolved.prefix.join(' ')} --help\`)`,
        );
      }
      if (words.length) throw await unknownCommand(words);
      if (globals.version) {
        out(json ? JSON.stringify({ version: strataVersion() }) + '\n' : `strata ${strataVersion()}\n`);
        return 0;
      }
      if (globals.help) {
        out(await rootHelp());
        return 0;
      }
      err(await rootHelp());
      throw usageError('missing command', 'run `strata --help`, or `strata <command> --help`');
    }
    cmd = resolved.cmd;
    const specs = { ...GLOBAL_OPTIONS, ...cmd.options };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: withoutWords(argv, cmd.path),
        options: specs as ParseArgsConfig['options'],
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw parseError(e, cmd);
    }
    if (parsed.values.help) {
      out(commandHelp(cmd));
      return 0;
    }
    checkPositionals(cmd, parsed.positionals);
    const options = parsed.values as CommandContext['options'];
    const invokedFrom = path.resolve(io.cwd ?? process.cwd());
    const ctx: CommandContext = {
      options,
      positionals: parsed.positionals,
      cwd: projectDir(options.project as string | undefined, invokedFrom, cmd),
      invokedFrom,
      json: Boolean(options.json),
      verbose: Boolean(options.verbose),
      out,
      err,
      progress: isTTY && !options.json,
    };
    return await cmd.run(ctx);
  } catch (e) {
    return report(e, { json, verbose, out, err });
  }
}

/** `--project DIR` as given (it must exist unless the command creates it), else the upward search. */
function projectDir(project: string | undefined, invokedFrom: string, cmd: Command): string {
  if (project === undefined) return projectRoot(invokedFrom);
  if (project === '') throw usageError('--project needs a directory');
  const dir = path.resolve(invokedFrom, project);
  if (!cmd.createsProject && !existsSync(dir)) {
    throw usageError(`project directory not found: ${project}`, 'create it with `strata init DIR`, or pass an existing --project');
  }
  return dir;
}

function checkPositionals(cmd: Command, given: string[]): void {
  const { min = 0, max = Infinity } = cmd.positionals ?? {};
  const hint = `usage: strata ${cmd.path.join(' ')}${cmd.usage ? ' ' + cmd.usage : ''}`;
  if (given.length > max) throw usageError(`Unexpected argument '${given[max]}'`, hint);
  if (given.length < min) throw usageError(`missing argument${min - given.length > 1 ? 's' : ''}`, hint);
}

function parseGlobals(argv: string[]): { help?: boolean; version?: boolean } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: GLOBAL_OPTIONS as ParseArgsConfig['options'],
      allowPositionals: true,
      strict: true,
    });
    return values as { help?: boolean; version?: boolean };
  } catch (e) {
    throw parseError(e);
  }
}

function report(
  e: unknown,
  o: { json: boolean; verbose: boolean; out: (t: string) => void; err: (t: string) => void },
): number {
  const d = asDiagnostic(e);
  const exitCode = e instanceof StrataError ? e.exitCode : 1;
  const diagnostic: Diagnostic = d ?? {
    code: 'cli.internal',
    severity: 'error',
    subject: 'strata',
    message: (e as Error)?.message ?? String(e),
    hint: o.verbose ? undefined : 'run again with --verbose for the stack trace',
  };
  if (o.json) o.out(JSON.stringify({ ok: false, diagnostics: [diagnostic] }) + '\n');
  o.err(formatDiagnostic(diagnostic) + '\n');
  if (o.verbose && e instanceof Error && e.stack) o.err(e.stack + '\n');
  return exitCode;
}
