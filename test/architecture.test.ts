/**
 * Tests that guard the architecture (docs/architecture.md), by scanning the import
 * statements of every module under src/ with the TypeScript compiler's
 * pre-processor (no module is executed), plus the rule table against its files.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/plan/rules/index.js';

const SRC = path.join(__dirname, '..', 'src');

interface Import {
  /** Importing file, relative to the project root. */
  file: string;
  /** Folder under src/ the importing file lives in. */
  from: string;
  specifier: string;
  /** Folder under src/ the import points at, for a relative import inside src/. */
  to?: string;
}

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return modules(p);
    return /\.(ts|mts|cts)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

const folderOf = (abs: string): string | undefined => {
  const rel = path.relative(SRC, abs);
  return rel.startsWith('..') || !rel.includes(path.sep) ? undefined : rel.split(path.sep)[0];
};

const IMPORTS: Import[] = modules(SRC).flatMap((abs) => {
  const file = path.relative(path.join(SRC, '..'), abs);
  const from = folderOf(abs)!;
  return ts.preProcessFile(readFileSync(abs, 'utf8'), true, true).importedFiles.map(({ fileName: specifier }) => ({
    file,
    from,
    specifier,
    to: specifier.startsWith('.') ? folderOf(path.resolve(path.dirname(abs), specifier)) : undefined,
  }));
});

const FOLDERS = readdirSync(SRC).filter((n) => statSync(path.join(SRC, n)).isDirectory());
const show = (l: Import[]) => l.map((i) => `${i.file} imports ${i.specifier}`);

describe('the import scanner', () => {
  it('sees the imports it guards', () => {
    // If these stop being found, the scanner is broken and every rule below passes vacuously.
    expect(IMPORTS.some((i) => i.from === 'db' && i.specifier === '@databases/pg')).toBe(true);
    expect(IMPORTS.some((i) => i.from === 'engine' && i.to === 'plan')).toBe(true);
    expect(IMPORTS.some((i) => i.from === 'cli' && i.to === 'cli')).toBe(true);
  });
});

/** Pure stages: snapshots and plans in, data out. They never reach a database, the file system or a process. */
const PURE = ['core', 'diff', 'plan', 'render', 'lint'];
const IMPURE_MODULES = [/^(node:)?fs(\/.*)?$/, /^(node:)?child_process$/, /^pg(\/.*)?$/, /^@databases\/pg(\/.*)?$/, /^pg-/];

describe('pure stages import no database client, no fs, no child_process', () => {
  const present = PURE.filter((f) => FOLDERS.includes(f));
  it('covers the pure stages that exist', () => {
    expect(present).toEqual(expect.arrayContaining(['core', 'diff', 'plan', 'render']));
  });
  it.each(present)('src/%s', (folder) => {
    expect(show(IMPORTS.filter((i) => i.from === folder && IMPURE_MODULES.some((re) => re.test(i.specifier))))).toEqual([]);
  });
});

describe('layers', () => {
  it('no module outside src/cli imports src/cli', () => {
    expect(show(IMPORTS.filter((i) => i.to === 'cli' && i.from !== 'cli'))).toEqual([]);
  });

  /**
   * Each folder imports only folders listed before it. Folders not listed (features
   * being added) sit just below the CLI: they may import any listed stage and each
   * other, and no listed stage imports them.
   */
  const LAYERS = [
    'core', // shared vocabulary
    'source', // desired-state files
    'config', // project config (locates errors with the source stage)
    'migrations', // directory format (splits with the source stage)
    'db',
    'cluster',
    'shadow',
    'introspect',
    'diff',
    'plan',
    'render',
    'engine', // diff façade over diff, plan, render
    'runner',
    'state', // the one state builder: shadow, runner, introspect
    'verify',
    'proof', // proven plans: state builder, engine and runner
    'typegen',
    'seed',
    'runtime',
  ];
  const rank = (f: string) => (f === 'cli' ? LAYERS.length + 1 : LAYERS.includes(f) ? LAYERS.indexOf(f) : LAYERS.length);

  it('lists only folders that exist', () => {
    expect(LAYERS.filter((f) => !FOLDERS.includes(f))).toEqual([]);
  });

  it('no stage imports a later stage', () => {
    const guarded = (f: string) => f === 'cli' || LAYERS.includes(f);
    const back = IMPORTS.filter((i) => i.to !== undefined && i.to !== i.from && guarded(i.to) && rank(i.to) >= rank(i.from));
    expect(show(back)).toEqual([]);
  });

  it('the pipeline runs one way: source < shadow < introspect < diff < plan < render', () => {
    const pipe = ['source', 'shadow', 'introspect', 'diff', 'plan', 'render'];
    expect(pipe.map(rank)).toEqual([...pipe.map(rank)].sort((a, b) => a - b));
  });
});

describe('rule files', () => {
  const RULES_DIR = path.join(SRC, 'plan', 'rules');
  const camel = (kind: string) => kind.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) + 'Rules';
  const HELPERS = new Set(['index.ts', 'sql.ts', 'partition.ts', 'table-options.ts']); // helpers the kind rules share
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !HELPERS.has(f));

  it('every key of the rule table names the kind its rules are for', () => {
    for (const [key, rules] of Object.entries(RULES)) expect(rules.kind, key).toBe(key);
  });

  it.each(files)('%s exports rules named for the kind they hold, and holds its own kind when named after one', async (file) => {
    const mod = (await import(path.join(RULES_DIR, file))) as Record<string, unknown>;
    const held = Object.entries(mod).filter(
      ([, v]) => typeof v === 'object' && v !== null && 'kind' in v && 'create' in v && 'drop' in v && 'alter' in v,
    ) as [string, { kind: string }][];
    expect(held.length, `${file} holds no rules`).toBeGreaterThan(0);
    for (const [name, r] of held) {
      expect(Object.keys(RULES), `${file}: ${name}`).toContain(r.kind);
      expect(name, `${file}: rules for ${r.kind}`).toBe(camel(r.kind));
    }
    const stem = file.replace(/\.ts$/, '');
    if (stem in RULES) expect(held.map(([, r]) => r.kind)).toContain(stem);
  });

  it('every kind in the rule table has its rules in exactly one rule file', async () => {
    const where = new Map<string, string[]>();
    for (const file of files) {
      const mod = (await import(path.join(RULES_DIR, file))) as Record<string, unknown>;
      for (const v of Object.values(mod)) {
        if (typeof v === 'object' && v !== null && 'kind' in v && 'create' in v) {
          const k = (v as { kind: string }).kind;
          where.set(k, [...(where.get(k) ?? []), file]);
        }
      }
    }
    for (const kind of Object.keys(RULES)) expect(where.get(kind), kind).toHaveLength(1);
  });

  it('the table holds each file\'s rules themselves, or a wrapper that keeps their kind and order', async () => {
    const exported = new Map<string, { kind: string; order: number }>();
    for (const file of files) {
      for (const v of Object.values((await import(path.join(RULES_DIR, file))) as Record<string, unknown>)) {
        if (typeof v === 'object' && v !== null && 'kind' in v && 'create' in v) exported.set((v as { kind: string }).kind, v as unknown as { kind: string; order: number });
      }
    }
    // Extension membership (extension-member.ts) wraps every kind and says what it wraps.
    const wrapped = Object.entries(RULES).filter(([k, r]) => ((r as { wraps?: unknown }).wraps ?? r) !== exported.get(k)).map(([k]) => k);
    // The partition wrappers (partition.ts) add partition handling to these three (foreign-table.ts: column options).
    expect(wrapped.sort()).toEqual(['column', 'index', 'table']);
    for (const k of wrapped) expect(RULES[k as keyof typeof RULES].order).toBe(exported.get(k)!.order);
  });
});
