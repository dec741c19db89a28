/**
 * Column type changes PostgreSQL cannot cast (bigint → timestamp): refused before
 * a migration is written, pointing at the column in the schema file and asking
 * for its conversion (`-- @using <expression>`, and `-- @using-down` for the way
 * back), instead of writing a migration that fails at apply. Whether a cast
 * exists is asked of the server (`SELECT NULL::a::b`), so it is PostgreSQL's own
 * answer, explicit and I/O casts included.
 */
import { isPgError } from '../db/errors.js';
import { queryOnce } from '../db/connect.js';
import { StrataError } from '../core/diagnostic.js';
import type { ColumnObject, Snapshot } from '../core/model/index.js';
import { parseId, type NamedId } from '../core/ids.js';
import { usingExpressions } from '../engine/index.js';
import { listSqlFiles, readSources, type SourceFile } from '../source/index.js';
import { locateColumn } from '../source/using.js';
import type { StateSource } from './index.js';

export interface UncastableChange {
  column: ColumnObject;
  direction: 'up' | 'down';
  fromType: string;
  toType: string;
  message: string;
}

const base = (t: string) => t.replace(/\(.*\)/, '');

/** Type changes in `from` → `to` (and back) that have no USING hint and no cast on the server at `url`. */
export async function uncastableChanges(url: string, from: Snapshot, to: Snapshot): Promise<UncastableChange[]> {
  const using = usingExpressions(to);
  const before = new Map(from.objects.filter((o): o is ColumnObject => o.kind === 'column').map((c) => [c.id, c]));
  const verdicts = new Map<string, Promise<string | null>>();
  const check = (a: string, b: string) => {
    const key = `${a}\u0000${b}`;
    if (!verdicts.has(key)) verdicts.set(key, castError(url, a, b));
    return verdicts.get(key)!;
  };
  const out: UncastableChange[] = [];
  for (const c of to.objects) {
    if (c.kind !== 'column') continue;
    const old = before.get(c.id);
    // User-defined types convert through text (see the column rule); typmod changes always cast.
    if (!old || old.generated || c.generated || base(old.type) === base(c.type) || old.type.includes('.') || c.type.includes('.')) continue;
    for (const [direction, a, b, hints] of [['up', old.type, c.type, using.up], ['down', c.type, old.type, using.down]] as const) {
      if (hints.has(c.id)) continue;
      const message = await check(a, b);
      if (message) out.push({ column: c, direction, fromType: a, toType: b, message });
    }
  }
  return out;
}

async function castError(url: string, a: string, b: string): Promise<string | null> {
  try {
    await queryOnce(url, `SELECT NULL::${a}::${b}`);
    return null;
  } catch (e) {
    // 42846: cannot cast type … to …
    if (isPgError(e) && e.code === '42846') return e.message;
    throw e;
  }
}

/** Throws `state.uncastable` for the first problem (the others in its detail), located in the desired state's files. */
export async function refuseUncastable(problems: readonly UncastableChange[], desired: Snapshot, source?: StateSource): Promise<void> {
  if (!problems.length) return;
  let files: SourceFile[] | undefined;
  const where = async (p: UncastableChange) => {
    const hint = desired.usingHints?.find((h) => `${h.schema}.${h.table}.${h.column}` === idPath(p.column));
    if (hint) return hint.location;
    if (source?.kind !== 'schemaDir' && source?.kind !== 'sqlFile') return undefined;
    files ??= await readSources(source.kind === 'sqlFile' ? [source.file] : await listSqlFiles(source.dir), process.cwd());
    const [schema, table, column] = (parseId(p.column.id) as NamedId).parts as [string, string, string];
    return locateColumn(files, schema, table, column);
  };
  const say = (p: UncastableChange) =>
    `column ${p.column.table}.${p.column.qname}: ${p.direction === 'up' ? 'its type changes' : 'the down migration changes it back'} from ${p.fromType} to ${p.toType}, and ${p.message.replace(/^cannot/, 'PostgreSQL cannot')}`;
  const first = problems[0]!;
  const key = first.direction === 'up' ? '@using' : '@using-down';
  throw new StrataError({
    code: 'state.uncastable',
    severity: 'error',
    subject: first.column.id,
    message: say(first),
    location: await where(first),
    hint: `add \`-- ${key} <expression>\` on the column's line (e.g. \`-- ${key} ${example(first)}\`), the conversion of each old value`,
    detail: problems.length > 1 ? problems.slice(1).map((p) => `also: ${say(p)}`).join('\n') : undefined,
  });
}

const idPath = (c: ColumnObject): string => (parseId(c.id) as NamedId).parts.join('.');

function example(p: UncastableChange): string {
  const col = p.column.qname;
  if (/^timestamp/.test(p.toType) && /int|numeric/.test(p.fromType)) return `to_timestamp(${col})`;
  if (/^timestamp|^date/.test(p.fromType) && /int|numeric/.test(p.toType)) return `extract(epoch FROM ${col})::${p.toType}`;
  return `${col}::text::${p.toType}`;
}
