/**
 * Every `strata` subcommand is one module under `src/cli/commands/` exporting a
 * `Command`. The CLI entry point owns parsing, --help, exit codes and error
 * printing; a command only returns an exit code or throws a StrataError.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Shown in --help, e.g. `<url>`. */
  valueName?: string;
  default?: string | boolean;
}

export interface CommandContext {
  /** Parsed option values (after defaults). */
  options: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** Project root: `--project DIR`, else the nearest directory upwards holding strata.config.json, package.json or schema/. */
  cwd: string;
  /** The directory strata was started in (before --project and the upward search). */
  invokedFrom?: string;
  json: boolean;
  verbose: boolean;
  /** Write to stdout / stderr; tests capture these. */
  out(text: string): void;
  err(text: string): void;
  /** True when progress with step timings should be shown (stdout is a TTY and not --json). */
  progress: boolean;
}

export interface Command {
  /** Words after `strata`, e.g. `['db', 'start']` or `['diff']`. */
  path: string[];
  summary: string;
  /** Usage line(s) after `strata <path>`, e.g. `[NAME] [--from <src>] [--to <src>]`. */
  usage: string;
  /** Longer help text: behaviour, examples. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** The command creates the project (`init`): `--project DIR` need not exist yet. */
  createsProject?: boolean;
  /** How many positional arguments the command takes; outside the range is a usage error (exit 2). Unchecked when absent. */
  positionals?: { min?: number; max?: number };
  /** Return the exit code: 0 ok, 1 failure or findings. Throw StrataError for errors. */
  run(ctx: CommandContext): Promise<number>;
}
