/**
 * Pure rules of the SQLite import: which PostgreSQL type a column gets (from its
 * declared type, SQLite's affinity rules and what the data holds), whether a value
 * fits a target type, how it is written for COPY, and its canonical text for the
 * content checksum (computed the same way on the PostgreSQL side by checksumSql).
 */
import { createHash } from 'node:crypto';
import { parseIsoDate, type ColumnProfile, type SqliteColumn, type SqliteTable, type SqliteValue } from './read.js';

export type Affinity = 'integer' | 'text' | 'blob' | 'real' | 'numeric';

/** SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), in their order. */
export function affinity(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB') || t.trim() === '') return 'blob';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return 'numeric';
}

export interface ColumnDecision {
  type: string;
  identity: boolean;
  /** Why: one line per guess, written as comments next to the column. */
  why: string[];
  /** Things a human has to decide (also listed in the report). */
  review: string[];
}

const BOOL_NAME = /^(is|has|can|should|was|allow|allows)_|_(flag|enabled|active|deleted|archived|verified)$|^(active|enabled|deleted|archived|verified|done|paid)$/i;

const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${w}${n === 1 ? '' : 's'}`;

function classes(p: ColumnProfile): ('integer' | 'real' | 'text' | 'blob')[] {
  return (['integer', 'real', 'text', 'blob'] as const).filter((c) => p.counts[c] > 0);
}

function sampleList(p: ColumnProfile, cls: keyof ColumnProfile['samples']): string {
  return (p.samples[cls] ?? []).join(', ');
}

/** The PostgreSQL type of one column, with the reasons. */
export function decideColumn(table: SqliteTable, col: SqliteColumn): ColumnDecision {
  const p = table.profiles.get(col.name)!;
  const aff = affinity(col.declared);
  const up = col.declared.toUpperCase();
  const present = classes(p);
  const why: string[] = [];
  const review: string[] = [];
  const declaredText = col.declared ? `declared ${col.declared}` : 'no declared type';
  const pkCols = table.columns.filter((c) => c.pk > 0);

  // INTEGER PRIMARY KEY is SQLite's rowid alias: values are assigned by SQLite, so the column becomes an identity.
  if (col.pk > 0 && pkCols.length === 1 && up === 'INTEGER' && !table.withoutRowid) {
    why.push(
      table.autoincrement
        ? 'INTEGER PRIMARY KEY AUTOINCREMENT: identity; BY DEFAULT so existing ids load as they are, and the sequence is set past the highest id after loading'
        : 'INTEGER PRIMARY KEY (SQLite rowid alias, assigned max(rowid)+1): identity; BY DEFAULT so existing ids load as they are',
    );
    return { type: 'bigint', identity: true, why, review };
  }

  const onlyIntegers = present.length === 1 && present[0] === 'integer';
  const onlyText = present.length === 1 && present[0] === 'text';
  const nonNull = p.counts.integer + p.counts.real + p.counts.text + p.counts.blob;

  if (nonNull === 0) why.push(`no values in ${plural(table.rowCount, 'row')}: type from the declaration alone`);

  // Booleans: SQLite stores TRUE/FALSE as 1/0.
  if ((up.includes('BOOL') || (aff === 'integer' && BOOL_NAME.test(col.name))) && (nonNull === 0 || (onlyIntegers && p.onlyZeroOne))) {
    why.push(`${declaredText}${up.includes('BOOL') ? '' : ', named like a flag'}; ${nonNull ? `every value is 0 or 1 (${plural(nonNull, 'value')})` : 'no values'}: boolean`);
    return { type: 'boolean', identity: false, why, review };
  }
  if (aff === 'integer' && onlyIntegers && p.onlyZeroOne && nonNull > 1) {
    review.push(`only 0 and 1 in ${plural(nonNull, 'value')}: a boolean? kept bigint because the name does not say so`);
  }

  // Dates: SQLite has no date type; ISO-8601 text is what its date functions read and write.
  const dateDeclared = /DATE|TIME/.test(up);
  if (onlyText && p.isoText === p.counts.text && (dateDeclared || aff === 'text' || aff === 'blob' || aff === 'numeric')) {
    const asDate = p.dateOnly && !up.includes('TIME');
    why.push(
      `${declaredText}; every value (${plural(p.counts.text, 'value')}) is ISO-8601 ${asDate ? 'date' : 'text'}: ${asDate ? 'date' : 'timestamptz; values without an offset are taken as UTC (what SQLite\'s CURRENT_TIMESTAMP writes)'}`,
    );
    return { type: asDate ? 'date' : 'timestamptz', identity: false, why, review };
  }
  if (p.counts.text > 0 && p.isoText > 0 && p.isoText < p.counts.text) {
    const bad = p.nonIsoSamples.map((s) => `rowid ${s.rowid} '${s.value}'`).join(', ');
    review.push(`${plural(p.isoText, 'value')} are ISO-8601 dates but ${plural(p.counts.text - p.isoText, 'value')} are not (${bad}): kept text; rewrite those to ISO-8601 to get timestamptz`);
    return { type: 'text', identity: false, why: [...why, `${declaredText}; dates in more than one format: text`], review };
  }
  if (dateDeclared && p.counts.integer + p.counts.real > 0 && p.counts.text === 0) {
    review.push(`${declaredText} holding numbers (rowids ${sampleList(p, 'integer') || sampleList(p, 'real')}): Unix epoch seconds, milliseconds or Julian days? kept as numbers`);
  }

  const mixed = present.length > 1 ? `holds ${present.map((c) => `${plural(p.counts[c], c)}`).join(' and ')}` : '';
  switch (aff) {
    case 'integer': {
      why.push(`${declaredText} (INTEGER affinity, 64-bit in SQLite): bigint`);
      if (p.counts.text + p.counts.real + p.counts.blob > 0) {
        const off = (['text', 'real', 'blob'] as const).filter((c) => p.counts[c] > 0).map((c) => `${c} at rowid ${sampleList(p, c)}`).join('; ');
        review.push(`${mixed}: the non-integers do not fit bigint (${off}); fix those rows or change the type`);
      }
      return { type: 'bigint', identity: false, why, review };
    }
    case 'real':
      why.push(`${declaredText} (REAL affinity, 8-byte IEEE float in SQLite): double precision`);
      if (p.counts.text + p.counts.blob > 0) review.push(`${mixed}: text/blob values do not fit double precision (rowids ${sampleList(p, 'text') || sampleList(p, 'blob')})`);
      return { type: 'double precision', identity: false, why, review };
    case 'numeric': {
      if (dateDeclared && onlyIntegers) {
        why.push(`${declaredText} holding integers: bigint`);
        return { type: 'bigint', identity: false, why, review };
      }
      why.push(`${declaredText} (NUMERIC affinity): numeric${/\(/.test(col.declared) ? '; SQLite does not enforce the declared precision, so none is set' : ''}`);
      if (p.counts.text + p.counts.blob > 0) review.push(`${mixed}: text/blob values do not fit numeric (rowids ${sampleList(p, 'text') || sampleList(p, 'blob')})`);
      return { type: 'numeric', identity: false, why, review };
    }
    case 'text':
      why.push(`${declaredText} (TEXT affinity): text${/\(/.test(col.declared) ? '; SQLite does not enforce the length, so none is set' : ''}`);
      if (p.counts.blob > 0) review.push(`${mixed}: blobs do not fit text (rowids ${sampleList(p, 'blob')})`);
      else if (present.length > 1) review.push(`${mixed}: numbers load as their text`);
      return { type: 'text', identity: false, why, review };
    case 'blob': {
      if (up.includes('BLOB')) {
        why.push(`${declaredText}: bytea`);
        if (p.counts.integer + p.counts.real > 0) review.push(`${mixed}: numbers do not fit bytea`);
        return { type: 'bytea', identity: false, why, review };
      }
      // No declared type: SQLite keeps whatever was inserted, so the data decides.
      if (nonNull === 0) return { type: 'text', identity: false, why: [...why, 'no declared type and no values: text'], review: [...review, 'no declared type and no values: type is a guess'] };
      if (onlyIntegers) return { type: 'bigint', identity: false, why: [...why, 'no declared type; only integers: bigint'], review };
      if (present.every((c) => c === 'integer' || c === 'real')) return { type: 'double precision', identity: false, why: [...why, 'no declared type; only numbers: double precision'], review };
      if (present.length === 1 && present[0] === 'blob') return { type: 'bytea', identity: false, why: [...why, 'no declared type; only blobs: bytea'], review };
      if (p.counts.blob > 0) review.push(`${mixed}: blobs do not fit text (rowids ${sampleList(p, 'blob')})`);
      else if (present.length > 1) review.push(`${mixed}: kept as text`);
      return { type: 'text', identity: false, why: [...why, `no declared type; ${mixed || 'text values'}: text`], review };
    }
  }
}

// ---------------------------------------------------------------- values

export type TargetKind = 'int' | 'bool' | 'float' | 'numeric' | 'text' | 'bytea' | 'timestamptz' | 'timestamp' | 'date' | 'other';

/** The kind of a PostgreSQL type name as format_type() prints it. */
export function targetKind(pgType: string): TargetKind {
  const t = pgType.toLowerCase();
  if (['bigint', 'integer', 'smallint'].includes(t)) return 'int';
  if (t === 'boolean') return 'bool';
  if (t === 'double precision' || t === 'real') return 'float';
  if (t.startsWith('numeric')) return 'numeric';
  if (t === 'text' || t.startsWith('character')) return 'text';
  if (t === 'bytea') return 'bytea';
  if (t === 'timestamp with time zone') return 'timestamptz';
  if (t === 'timestamp without time zone') return 'timestamp';
  if (t === 'date') return 'date';
  return 'other';
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** Shortest round-trip digits of a double without an exponent (numeric input/output keeps exactly these). */
export function plainDecimal(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mant, expText] = s.split(/e/i) as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace(/^-/, '').replace('.', '');
  const point = mant.replace(/^-/, '').indexOf('.') < 0 ? mant.replace(/^-/, '').length : mant.replace(/^-/, '').indexOf('.');
  const pos = point + exp;
  let out: string;
  if (pos <= 0) out = '0.' + '0'.repeat(-pos) + digits;
  else if (pos >= digits.length) out = digits + '0'.repeat(pos - digits.length);
  else out = digits.slice(0, pos) + '.' + digits.slice(pos);
  return (neg ? '-' : '') + out;
}

/**
 * `value` for a column of type `pgType`: the text COPY receives and the canonical text the
 * checksum uses, or `undefined` when the value does not fit the type.
 */
export function convert(value: SqliteValue, pgType: string): { copy: string; canon: string } | undefined | null {
  if (value === null) return null;
  const kind = targetKind(pgType);
  switch (kind) {
    case 'int': {
      let v: bigint;
      if (typeof value === 'bigint') v = value;
      else if (typeof value === 'number' && Number.isInteger(value)) v = BigInt(value);
      else return undefined;
      const [lo, hi] = INT_RANGE[pgType.toLowerCase()]!;
      if (v < lo || v > hi) return undefined;
      return { copy: v.toString(), canon: v.toString() };
    }
    case 'bool':
      if (value === 0n || value === 0) return { copy: 'f', canon: '0' };
      if (value === 1n || value === 1) return { copy: 't', canon: '1' };
      return undefined;
    case 'float': {
      if (typeof value !== 'bigint' && typeof value !== 'number') return undefined;
      const n = Number(value);
      const buf = Buffer.alloc(8);
      buf.writeDoubleBE(n);
      return { copy: String(n), canon: buf.toString('hex') };
    }
    case 'numeric': {
      if (typeof value === 'bigint') return { copy: value.toString(), canon: value.toString() };
      if (typeof value === 'number' && Number.isFinite(value)) {
        const s = plainDecimal(value);
        return { copy: s, canon: s };
      }
      return undefined;
    }
    case 'text': {
      let s: string;
      if (typeof value === 'string') s = value;
      else if (typeof value === 'bigint' || typeof value === 'number') s = String(value);
      else return undefined;
      if (s.includes('\0')) return undefined;
      return { copy: copyEscape(s), canon: s };
    }
    case 'bytea': {
      const bytes = value instanceof Uint8Array ? Buffer.from(value) : typeof value === 'string' ? Buffer.from(value, 'utf8') : undefined;
      if (!bytes) return undefined;
      const hex = bytes.toString('hex');
      return { copy: '\\\\x' + hex, canon: hex };
    }
    case 'timestamptz':
    case 'timestamp': {
      if (typeof value !== 'string') return undefined;
      const d = parseIsoDate(value);
      if (!d) return undefined;
      const iso = d.date.toISOString();
      return { copy: kind === 'timestamptz' ? iso : iso.slice(0, -1), canon: iso };
    }
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const d = parseIsoDate(value);
      if (!d || !d.dateOnly) return undefined;
      const s = d.date.toISOString().slice(0, 10);
      return { copy: s, canon: s };
    }
    case 'other': {
      const s = typeof value === 'string' ? value : value instanceof Uint8Array ? undefined : String(value);
      if (s === undefined || s.includes('\0')) return undefined;
      return { copy: copyEscape(s), canon: s };
    }
  }
}

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
export function copyEscape(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** The per-row contribution to a table checksum: 60 bits of SHA-256 over the row's canonical values. */
export function rowHash(canon: (string | null)[]): bigint {
  const text = canon.map((v) => (v === null ? 'N' : 'V' + v)).join('\x1f');
  return BigInt('0x' + createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 15));
}

/** The SQL expression giving a column's canonical text on the PostgreSQL side (matching `convert`). */
export function canonSql(quotedColumn: string, pgType: string): string {
  switch (targetKind(pgType)) {
    case 'int':
    case 'numeric':
    case 'text':
    case 'other':
      return `${quotedColumn}::text`;
    case 'bool':
      return `CASE WHEN ${quotedColumn} THEN '1' ELSE '0' END`;
    case 'float':
      return `encode(float8send(${quotedColumn}::float8), 'hex')`;
    case 'bytea':
      return `encode(${quotedColumn}, 'hex')`;
    case 'timestamptz':
      return `to_char(${quotedColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'timestamp':
      return `to_char(${quotedColumn}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'date':
      return `to_char(${quotedColumn}, 'YYYY-MM-DD')`;
  }
}

/** Row count and order-independent content checksum of a table, in one query. */
export function checksumSql(quotedTable: string, columns: { quoted: string; type: string }[]): string {
  const parts = columns.map((c) => `CASE WHEN ${c.quoted} IS NULL THEN 'N' ELSE 'V' || ${canonSql(c.quoted, c.type)} END`);
  return `SELECT count(*)::text AS rows, coalesce(sum(('x' || left(encode(sha256(convert_to(concat_ws(E'\\x1f', ${parts.join(', ')}), 'UTF8')), 'hex'), 15))::bit(60)::bigint::numeric), 0)::text AS checksum FROM ${quotedTable}`;
}
