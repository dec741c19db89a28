/**
 * Subscriptions of the current database. Only superusers may read
 * pg_subscription.subconninfo, and a query naming a column it may not read fails
 * outright, so every column but the publications is read through query_to_xml of a
 * query built at run time from the columns this server has and this role may read;
 * the same query then works on every server version.
 */
import { makeId } from '../../core/ids.js';
import type { SubscriptionObject } from '../../core/model/index.js';
import { redactConninfo } from '../../core/secrets.js';
import { address, type KindReader } from '../context.js';

/** pg_subscription column → CREATE SUBSCRIPTION option, with the value as WITH takes it. */
const OPTIONS: Record<string, [string, (v: string) => string]> = {
  subbinary: ['binary', (v) => v],
  substream: ['streaming', (v) => ({ t: 'on', f: 'off', p: 'parallel', true: 'on', false: 'off' })[v] ?? v],
  subtwophasestate: ['two_phase', (v) => (v === 'd' ? 'false' : 'true')],
  subdisableonerr: ['disable_on_error', (v) => v],
  subpasswordrequired: ['password_required', (v) => v],
  subrunasowner: ['run_as_owner', (v) => v],
  subfailover: ['failover', (v) => v],
  subsynccommit: ['synchronous_commit', (v) => v],
  suborigin: ['origin', (v) => v],
};

const WANTED = [...Object.keys(OPTIONS), 'subconninfo'];

export const subscriptionsReader: KindReader = {
  name: 'subscriptions',
  sql: `
SELECT s.oid, s.subname AS name, quote_ident(s.subname) AS qname, s.subslotname AS slot,
       (SELECT json_agg(p ORDER BY p) FROM unnest(s.subpublications) p) AS publications, d.description,
       (SELECT json_object_agg(x.k, x.v)
          FROM xmltable('/row/*' PASSING query_to_xml(format('SELECT %s FROM pg_catalog.pg_subscription WHERE oid = %s',
                 (SELECT string_agg(quote_ident(a.attname), ', ') FROM pg_attribute a
                   WHERE a.attrelid = 'pg_catalog.pg_subscription'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                     AND a.attname = ANY (ARRAY[${WANTED.map((w) => `'${w}'`).join(', ')}])
                     AND has_column_privilege('pg_catalog.pg_subscription', a.attname, 'SELECT')), s.oid), false, true, '')
               COLUMNS k text PATH 'local-name()', v text PATH '.') x) AS cols
FROM pg_subscription s
JOIN pg_database db ON db.oid = s.subdbid AND db.datname = current_database()
LEFT JOIN pg_shdescription d ON d.classoid = 'pg_subscription'::regclass AND d.objoid = s.oid`,
  read(rows, ctx) {
    for (const r of rows) {
      const cols: Record<string, string> = r.cols ?? {};
      const options = Object.entries(OPTIONS)
        .filter(([col]) => col in cols)
        .map(([col, [key, conv]]) => `${key}=${conv(cols[col]!)}`)
        .sort();
      const sub: SubscriptionObject = {
        kind: 'subscription',
        id: makeId('subscription', r.name),
        parent: null,
        comment: r.description,
        dependsOn: [],
        name: r.name,
        qname: r.qname,
        connection: 'subconninfo' in cols ? redactConninfo(cols.subconninfo!) : null,
        publications: r.publications ?? [],
        slotName: r.slot ?? null,
        options,
      };
      ctx.add(sub, address('pg_subscription', r.oid));
    }
  },
};
