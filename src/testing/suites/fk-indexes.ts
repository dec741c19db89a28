/**
 * Foreign-key indexes: every foreign key has an index whose leading columns are
 * the key's columns (in any order), so deleting or re-keying a referenced row
 * does not scan the referencing table. A partial index counts when its predicate
 * holds for every row the referential lookup can match: the database evaluates
 * the predicate on a row holding only a key value (every other column NULL), so
 * `WHERE fk IS NOT NULL` counts and a predicate on any other column does not.
 */
import type pg from 'pg';
import type { CaseResult } from '../report.js';
import type { TableInfo } from '../tables.js';
import type { ConstraintFacts, IndexFacts } from '../catalog.js';

export async function fkIndexesSuite(c: pg.Client, tables: TableInfo[]): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const t of tables) {
    for (const k of t.constraints.filter((x) => x.contype === 'f')) {
      const name = `${t.qname} ${k.name} (${k.columns.join(', ')}) has an index`;
      const want = new Set(k.columns);
      const full = t.indexes.filter((i) => !i.partial && i.keys.length >= want.size && i.keys.slice(0, want.size).every((c) => c !== null && want.has(c)));
      if (full.length) {
        out.push({ suite: 'fk-indexes', name, status: 'passed' });
        continue;
      }
      const partial = t.indexes.filter((i) => i.partial && i.keys.length >= want.size && i.keys.slice(0, want.size).every((c) => c !== null && want.has(c)));
      if (partial.length && (await coversKey(c, t, k, partial))) {
        out.push({ suite: 'fk-indexes', name, status: 'passed' });
        continue;
      }
      out.push({
        suite: 'fk-indexes',
        name,
        status: 'failed',
        reason: `no index of ${t.qname} starts with (${k.columns.join(', ')})${partial.length ? `; ${partial.map((i) => i.name).join(', ')} do, but their predicate does not cover the key lookup` : ''}`,
        statement: `CREATE INDEX ON ${t.qname} (${quoted(t, k.columns).join(', ')})`,
      });
    }
  }
  return out;
}

function quoted(t: TableInfo, cols: string[]): string[] {
  return cols.map((n) => t.columns.find((x) => x.name === n)?.qname ?? n);
}

/** Whether one of the partial indexes' predicates is true on a row that holds nothing but a key value of `k`. */
async function coversKey(c: pg.Client, t: TableInfo, k: ConstraintFacts, partial: IndexFacts[]): Promise<boolean> {
  const cols = quoted(t, k.columns);
  let sample = (await c.query<{ r: Record<string, unknown> }>(`SELECT jsonb_build_object(${k.columns.map((n, i) => `${c.escapeLiteral(n)}, ${cols[i]}`).join(', ')}) AS r FROM ${t.qname} WHERE ${cols.map((q) => `${q} IS NOT NULL`).join(' AND ')} LIMIT 1`)).rows[0]?.r;
  if (!sample && k.refTable) {
    const ref = await c.query<{ r: Record<string, unknown> }>(`SELECT to_jsonb(strata_row.*) AS r FROM ${k.refTable} strata_row LIMIT 1`);
    const row = ref.rows[0]?.r;
    if (row) sample = Object.fromEntries(k.columns.map((n, i) => [n, row[k.refColumns[i]!]]));
  }
  if (!sample) return false;
  for (const i of partial) {
    try {
      const r = await c.query<{ ok: boolean | null }>(`SELECT (${i.predicate}) AS ok FROM jsonb_populate_record(NULL::${t.qname}, $1) AS x`, [JSON.stringify(sample)]);
      if (r.rows[0]?.ok === true) return true;
    } catch {
      // A predicate that cannot be evaluated on such a row does not cover the key.
    }
  }
  return false;
}
