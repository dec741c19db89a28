/**
 * `strata init`: lay out a new project (folders, config, atlas.hcl, pgtyped
 * config, Makefile, .gitignore). Nothing existing is overwritten: when any file
 * strata would write is already there, nothing at all is written and every
 * conflict is named. An existing .gitignore is the one exception: it gets the
 * `.strata/` line appended when it lacks one, since every project has its own.
 */
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';
import { CONFIG_FILE } from '../config/index.js';
import { PGTYPED_CONFIG_FILE } from '../typegen/index.js';
import {
  ATLAS_TEMPLATE,
  CONFIG_TEMPLATE,
  GITIGNORE_TEMPLATE,
  MAKEFILE_TEMPLATE,
  PGTYPED_TEMPLATE,
  PROJECT_FOLDERS,
} from './templates.js';

export interface InitResult {
  root: string;
  /** Paths relative to root, in the order written. */
  written: string[];
  /** Existing files that were extended instead of written (only .gitignore). */
  updated: string[];
}

/** The files `strata init` owns, relative to the project root. */
export function projectFiles(): Record<string, string> {
  return {
    [CONFIG_FILE]: CONFIG_TEMPLATE,
    'atlas.hcl': ATLAS_TEMPLATE,
    [PGTYPED_CONFIG_FILE]: PGTYPED_TEMPLATE,
    Makefile: MAKEFILE_TEMPLATE,
  };
}

export async function initProject(dir: string): Promise<InitResult> {
  const root = path.resolve(dir);
  const files = projectFiles();
  const conflicts = Object.keys(files).filter((f) => existsSync(path.join(root, f)));
  if (conflicts.length) {
    throw new StrataError({
      code: 'init.exists',
      severity: 'error',
      subject: root,
      message: `${conflicts.join(', ')} already exist${conflicts.length === 1 ? 's' : ''} in ${root}; nothing was written`,
      hint: 'strata init never overwrites: move those files away, or init another directory',
    });
  }
  const written: string[] = [];
  const updated: string[] = [];
  await mkdir(root, { recursive: true });
  for (const folder of PROJECT_FOLDERS) {
    const abs = path.join(root, folder);
    await mkdir(abs, { recursive: true });
    if (readdirSync(abs).length === 0) {
      await writeFile(path.join(abs, '.gitkeep'), '');
      written.push(`${folder}/.gitkeep`);
    }
  }
  for (const [name, content] of Object.entries(files)) {
    // 'wx' fails instead of overwriting should the file appear since the check.
    await writeFile(path.join(root, name), content, { flag: 'wx' });
    written.push(name);
  }
  const gitignore = path.join(root, '.gitignore');
  const existing = await readFile(gitignore, 'utf8').catch(() => undefined);
  if (existing === undefined) {
    await writeFile(gitignore, GITIGNORE_TEMPLATE, { flag: 'wx' });
    written.push('.gitignore');
  } else if (!existing.split(/\r?\n/).some((l) => ['.strata', '.strata/', '/.strata', '/.strata/'].includes(l.trim()))) {
    await appendFile(gitignore, `${existing.endsWith('\n') || existing === '' ? '' : '\n'}.strata/\n`);
    updated.push('.gitignore');
  }
  return { root, written, updated };
}

/** The three commands to run next, from `from` (the directory the user is in). */
export function nextCommands(root: string, from: string): string[] {
  const shown = displayPath(root, from);
  const project = shown === '.' ? '' : ` --project ${/^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown)}`;
  return [
    `npx strata${project} diff initial      # after writing tables into schema/*.sql: the first migration`,
    `npx strata${project} migrate up        # apply it to the dev database (embedded PostgreSQL in .strata/)`,
    `npx strata${project} types             # typed queries for queries/*.sql`,
  ];
}

/** `root` relative to `from` when it lies inside it, else absolute. */
export function displayPath(root: string, from: string): string {
  const rel = path.relative(from, root);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? root : rel;
}
