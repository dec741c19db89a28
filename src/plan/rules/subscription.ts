/**
 * Subscriptions. A migration must apply without reaching the publisher, so a
 * subscription is created WITH (connect = false, enabled = false, create_slot =
 * false): enabling it, after its slot exists on the publisher, is an operator's step
 * strata never takes or undoes. Publications change with refresh = false for the same
 * reason. A drop first lets go of the slot (left on the publisher, named in a note),
 * since DROP SUBSCRIPTION with a slot connects to drop it. Secrets in the connection
 * string are placeholders (src/core/secrets.ts).
 */
import type { SubscriptionObject } from '../../core/model/index.js';
import { formatConninfo, parseConninfo, placeholder, secretName, SECRET_VALUE } from '../../core/secrets.js';
import type { KindRules, Statement } from '../types.js';
import { StrataError } from '../../core/diagnostic.js';
import { commentOn, createComment, literal, quoteIdent as quote } from './sql.js';

const split = (o: string): [string, string] => {
  const i = o.indexOf('=');
  return i < 0 ? [o, ''] : [o.slice(0, i), o.slice(i + 1)];
};

/** The connection string to write: secret values as placeholders; and the placeholders' names. */
function connection(s: SubscriptionObject): { text: string; secrets: string[] } {
  const params = parseConninfo(s.connection ?? '') ?? [];
  const secrets: string[] = [];
  const text = formatConninfo(params, (key) => {
    const name = secretName(s.name, key);
    secrets.push(name);
    return placeholder(name);
  });
  return { text, secrets };
}

const note = (secrets: string[]) =>
  secrets.length ? `secret(s) supplied at apply time: ${secrets.join(', ')} (environment variable or strata migrate --secret NAME=value)` : undefined;

const withValue = (o: string) => {
  const [k, v] = split(o);
  return `${k} = ${/^[a-z0-9_]+$/.test(v) ? v : literal(v)}`;
};

const slot = (s: SubscriptionObject) => (s.slotName === null ? 'NONE' : literal(s.slotName));

export const subscriptionRules: KindRules<SubscriptionObject> = {
  kind: 'subscription',
  order: 14,
  create(s) {
    if (s.connection === null || s.connection === SECRET_VALUE) {
      throw new StrataError({
        code: 'plan.unreadable-connection',
        severity: 'error',
        subject: s.id,
        message: `subscription ${s.name}: its connection string could not be read, so it cannot be created`,
        hint: 'only superusers can read pg_subscription.subconninfo: read the state as a superuser',
      });
    }
    const c = connection(s);
    const opts = ['connect = false', 'enabled = false', 'create_slot = false', `slot_name = ${slot(s)}`, ...s.options.map(withValue)];
    return [
      {
        sql: `CREATE SUBSCRIPTION ${s.qname} CONNECTION ${literal(c.text)} PUBLICATION ${s.publications.map(quote).join(', ')} WITH (${opts.join(', ')})`,
        lock: 'none',
        note: note(c.secrets),
      },
      ...createComment(`SUBSCRIPTION ${s.qname}`, s.comment),
    ];
  },
  drop: (s) => [
    { sql: `ALTER SUBSCRIPTION ${s.qname} DISABLE`, lock: 'none' },
    ...(s.slotName === null
      ? []
      : [
          {
            sql: `ALTER SUBSCRIPTION ${s.qname} SET (slot_name = NONE)`,
            lock: 'none' as const,
            note: `replication slot ${s.slotName} stays on the publisher: drop it there (SELECT pg_drop_replication_slot(${literal(s.slotName)}))`,
          },
        ]),
    { sql: `DROP SUBSCRIPTION ${s.qname}`, lock: 'none' },
  ],
  alter(a, b) {
    const out: Statement[] = [];
    if (a.connection !== b.connection && a.connection !== null && b.connection !== null) {
      const c = connection(b);
      out.push({ sql: `ALTER SUBSCRIPTION ${b.qname} CONNECTION ${literal(c.text)}`, lock: 'none', note: note(c.secrets) });
    }
    if (JSON.stringify(a.publications) !== JSON.stringify(b.publications)) {
      out.push({ sql: `ALTER SUBSCRIPTION ${b.qname} SET PUBLICATION ${b.publications.map(quote).join(', ')} WITH (refresh = false)`, lock: 'none' });
    }
    const before = new Set(a.options);
    const changed = b.options.filter((o) => !before.has(o));
    if (a.slotName !== b.slotName) changed.unshift(`slot_name=${b.slotName ?? ''}`);
    if (changed.length) {
      const parts = changed.map((o) => (o.startsWith('slot_name=') ? `slot_name = ${slot(b)}` : withValue(o)));
      out.push({ sql: `ALTER SUBSCRIPTION ${b.qname} SET (${parts.join(', ')})`, lock: 'none' });
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(`SUBSCRIPTION ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};
