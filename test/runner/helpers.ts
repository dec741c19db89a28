/** Temporary migration directories and scratch databases for the runner tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testServer, type ScratchDb } from '../helpers/server.js';
import { connect, sql } from '../../src/db/connect.js';

export async function tempDir(files: Record<string, string>): Promise<{ dir: string; write(name: string, text: string): Promise<void>; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-run-'));
  const write = (name: string, text: string) => writeFile(path.join(dir, name), text);
  for (const [name, text] of Object.entries(files)) await write(name, text);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function scratch(): Promise<ScratchDb> {
  return (await testServer()).scratch({ prefix: 'strata_run' });
}

export async function query<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const pool = connect(url, { poolSize: 1 });
  try {
    return (await pool.query(sql.__dangerous__rawValue(text))) as T[];
  } finally {
    await pool.dispose();
  }
}

/**
 * A textual fingerprint of everything user-defined in the catalog (the runner's
 * own `strata` schema left out): relations, columns, constraints, indexes,
 * functions, triggers, policies, views, types, sequences, extensions. Two
 * databases with the same schema give the same text.
 */
export async function catalogFingerprint(url: string, excludeSchemas: string[] = []): Promise<string> {
  const extra = excludeSchemas.map((n) => `, '${n.replace(/'/g, "''")}'`).join('');
  const rows = await query<{ line: string }>(url, `
    WITH ns AS (
      SELECT oid, nspname FROM pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'strata'${extra}) AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'
    )
    SELECT 'schema ' || nspname AS line FROM ns
    UNION ALL SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity
      FROM pg_class c JOIN ns n ON n.oid = c.relnamespace
    UNION ALL SELECT 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
        || ' notnull=' || a.attnotnull || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') || ' #' || a.attnum
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped
    UNION ALL SELECT 'con ' || n.nspname || '.' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN ns n ON n.oid = c.relnamespace
    UNION ALL SELECT 'idx ' || pg_get_indexdef(i.indexrelid)
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns n ON n.oid = c.relnamespace
    UNION ALL SELECT 'fn ' || pg_get_functiondef(p.oid)
      FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p')
    UNION ALL SELECT 'trg ' || pg_get_triggerdef(t.oid)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal
    UNION ALL SELECT 'pol ' || n.nspname || '.' || c.relname || '.' || p.polname || ' ' || p.polcmd::text
        || coalesce(' using ' || pg_get_expr(p.polqual, p.polrelid), '') || coalesce(' check ' || pg_get_expr(p.polwithcheck, p.polrelid), '')
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN ns n ON n.oid = c.relnamespace
    UNION ALL SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)
      FROM pg_class c JOIN ns n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm')
    UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text
        || coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
      FROM pg_type t JOIN ns n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r')
    UNION ALL SELECT 'ext ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
    ORDER BY 1`);
  return rows.map((r) => r.line).join('\n');
}
