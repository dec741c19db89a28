/**
 * Secrets in the schema: user-mapping options such as `password`, and the secret
 * parts of a subscription's connection string. Their values never enter a
 * snapshot (the reader stores `SECRET_VALUE` instead), so no diff, plan, JSON or
 * log can print them, and they are never compared: only whether the option is
 * set. A migration carries a placeholder instead of the value:
 *
 *   user mapping option:  OPTIONS (password '${STRATA_SECRET_REMOTE_APP_PASSWORD}')
 *   connection string:    CONNECTION 'host=pub dbname=app password=${STRATA_SECRET_SUB1_PASSWORD}'
 *
 * `strata migrate up/down` replaces each placeholder with the value of the
 * environment variable of that name (or `--secret NAME=value`) and refuses a
 * migration whose secret is not given, naming it. Replacement happens only in
 * user-mapping, server and subscription statements.
 */

/** What a snapshot holds in place of a secret value. */
export const SECRET_VALUE = '<secret>';

export const SECRET_PREFIX = 'STRATA_SECRET_';

/**
 * Option and connection keywords that hold secrets: any whose words (split on `_`)
 * include password, passfile, passphrase, secret or token, or that end in `key`
 * (sslkey, api_key, scram_client_key); flags ending in `_required` are not.
 */
export function isSecretOption(name: string): boolean {
  const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (!words.length || words.at(-1) === 'required') return false;
  if (words.some((w) => ['password', 'passfile', 'passphrase', 'secret', 'token', 'sslpassword', 'sslkey'].includes(w))) return true;
  return words.at(-1)!.endsWith('key');
}

/** `STRATA_SECRET_` + the parts upper-cased, anything but letters and digits as `_`. */
export function secretName(...parts: string[]): string {
  return SECRET_PREFIX + parts.map((p) => p.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '')).join('_');
}

export const placeholder = (name: string): string => '${' + name + '}';

const TOKEN = /\$\{(STRATA_SECRET_[A-Z0-9_]+)\}/g;

/** Parse-tree node types whose statements may carry placeholders. */
export const SECRET_STATEMENT_KINDS: ReadonlySet<string> = new Set([
  'CreateUserMappingStmt',
  'AlterUserMappingStmt',
  'CreateForeignServerStmt',
  'AlterForeignServerStmt',
  'CreateSubscriptionStmt',
  'AlterSubscriptionStmt',
]);

const CONNINFO_KINDS: ReadonlySet<string> = new Set(['CreateSubscriptionStmt', 'AlterSubscriptionStmt']);

/** Placeholder names a statement of parse-node type `kind` needs, in order of appearance. */
export function secretsNeeded(sql: string, kind: string): string[] {
  if (!SECRET_STATEMENT_KINDS.has(kind)) return [];
  return [...new Set([...sql.matchAll(TOKEN)].map((m) => m[1]!))];
}

/**
 * The statement with each placeholder replaced. Placeholders sit inside SQL string
 * literals: the value's quotes are doubled, and in a connection string it is also
 * quoted as libpq reads a value (`'...'`, backslash-escaped).
 */
export function substituteSecrets(sql: string, kind: string, value: (name: string) => string): string {
  if (!SECRET_STATEMENT_KINDS.has(kind)) return sql;
  const conninfo = CONNINFO_KINDS.has(kind);
  return sql.replace(TOKEN, (_, name: string) => {
    const v = value(name);
    const text = conninfo ? conninfoQuote(v) : v;
    return text.replace(/'/g, "''");
  });
}

/** A value that every secret placeholder gets on scratch databases (state building, proofs): values are never compared. */
export const PLACEHOLDER_VALUE = 'strata-placeholder';

// --- connection strings (libpq keyword/value and URI forms) ---

export type ConnParam = [key: string, value: string];

/** A value as libpq reads it in keyword/value form: bare when plain, else single-quoted with \ and ' escaped. */
export function conninfoQuote(v: string): string {
  return v !== '' && /^[^\s'\\]+$/.test(v) ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The parameters of a connection string, in order. Keyword/value form is read as
 * libpq reads it; a `postgresql://` URI is taken apart into user, password, host,
 * port, dbname and its query parameters. Null when it cannot be read.
 */
export function parseConninfo(text: string): ConnParam[] | null {
  const t = text.trim();
  if (/^postgres(ql)?:\/\//.test(t)) return parseUri(t);
  const out: ConnParam[] = [];
  let i = 0;
  const ws = () => {
    while (i < t.length && /\s/.test(t[i]!)) i++;
  };
  for (;;) {
    ws();
    if (i >= t.length) return out;
    let key = '';
    while (i < t.length && t[i] !== '=' && !/\s/.test(t[i]!)) key += t[i++];
    ws();
    if (t[i] !== '=' || !key) return null;
    i++;
    ws();
    let value = '';
    if (t[i] === "'") {
      i++;
      for (;;) {
        if (i >= t.length) return null;
        const c = t[i++]!;
        if (c === "'") break;
        if (c === '\\' && i < t.length) value += t[i++];
        else value += c;
      }
    } else {
      while (i < t.length && !/\s/.test(t[i]!)) {
        const c = t[i++]!;
        if (c === '\\' && i < t.length) value += t[i++];
        else value += c;
      }
    }
    out.push([key, value]);
  }
}

function parseUri(t: string): ConnParam[] | null {
  const out: ConnParam[] = [];
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  let rest = t.slice(t.indexOf('://') + 3);
  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  if (q >= 0) rest = rest.slice(0, q);
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const db = slash >= 0 ? rest.slice(slash + 1) : '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const user = dec(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
    if (user === null) return null;
    if (user) out.push(['user', user]);
    if (colon >= 0) {
      const pw = dec(userinfo.slice(colon + 1));
      if (pw === null) return null;
      out.push(['password', pw]);
    }
  }
  const hostspec = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostspec) {
    const hosts: string[] = [];
    const ports: string[] = [];
    for (const h of hostspec.split(',')) {
      const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(h);
      if (!m) return null;
      const host = dec(m[1]!.replace(/^\[|\]$/g, ''));
      if (host === null) return null;
      hosts.push(host);
      ports.push(m[2] ?? '');
    }
    if (hosts.some(Boolean)) out.push(['host', hosts.join(',')]);
    if (ports.some(Boolean)) out.push(['port', ports.join(',')]);
  }
  if (db) {
    const d = dec(db);
    if (d === null) return null;
    out.push(['dbname', d]);
  }
  for (const part of query.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const k = dec(eq >= 0 ? part.slice(0, eq) : part);
    const v = dec(eq >= 0 ? part.slice(eq + 1) : '');
    if (k === null || v === null) return null;
    out.push([k, v]);
  }
  return out;
}

/** Keyword/value text of `params`, keys sorted (a later duplicate wins, as in libpq), secret values replaced by `secret(key)`. */
export function formatConninfo(params: readonly ConnParam[], secret: (key: string) => string | null): string {
  const last = new Map<string, string>();
  for (const [k, v] of params) last.set(k, v);
  return [...last.keys()]
    .sort()
    .map((k) => {
      const s = isSecretOption(k) ? secret(k) : null;
      return `${k}=${s ?? conninfoQuote(last.get(k)!)}`;
    })
    .join(' ');
}

/** A connection string as a snapshot keeps it: keyword/value form, keys sorted, secret values `<secret>`. */
export function redactConninfo(text: string): string {
  const params = parseConninfo(text);
  if (!params) return SECRET_VALUE; // unreadable: keep nothing of it
  return formatConninfo(params, () => SECRET_VALUE);
}
