/**
 * Triggers on tables and views, constraint triggers included. Internal triggers
 * (foreign keys) and the clones a partition inherits from its parent's trigger
 * are not objects of their own.
 */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

export const triggersReader: KindReader = {
  name: 'triggers',
  sql: `
SELECT t.oid, t.tgrelid, n.nspname AS schema, c.relname AS table_name, ${qualified('n.nspname', 'c.relname')} AS table_qname,
       t.tgname AS name, quote_ident(t.tgname) AS qname, pg_get_triggerdef(t.oid) AS def, t.tgenabled AS enabled,
       t.tgconstraint <> 0 AS is_constraint, d.description
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_trigger'::regclass AND d.objoid = t.oid AND d.objsubid = 0
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const relId = ctx.idAt(address('pg_class', r.tgrelid));
      if (!relId) continue;
      ctx.add(
        {
          kind: 'trigger',
          id: makeId('trigger', r.schema, r.table_name, r.name),
          parent: relId,
          comment: r.description,
          dependsOn: [relId],
          table: r.table_qname,
          name: r.name,
          qname: r.qname,
          definition: r.def,
          constraint: r.is_constraint,
          enabled: r.enabled,
        },
        address('pg_trigger', r.oid),
      );
    }
  },
};

export const eventTriggersReader: KindReader = {
  name: 'event triggers',
  sql: `
SELECT e.oid, e.evtname AS name, quote_ident(e.evtname) AS qname, e.evtevent AS event, e.evttags AS tags,
       e.evtfoid::regprocedure::text AS function, e.evtenabled AS enabled, d.description
FROM pg_event_trigger e
LEFT JOIN pg_description d ON d.classoid = 'pg_event_trigger'::regclass AND d.objoid = e.oid AND d.objsubid = 0`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_event_trigger', r.oid)) continue;
      ctx.add(
        {
          kind: 'event_trigger',
          id: makeId('event_trigger', r.name),
          parent: null,
          comment: r.description,
          dependsOn: [],
          name: r.name,
          qname: r.qname,
          event: r.event,
          // A set: PostgreSQL keeps the filter as written (upper-cased), order and repeats included.
          tags: r.tags ? [...new Set(r.tags as string[])].sort() : null,
          function: r.function,
          enabled: r.enabled,
        },
        address('pg_event_trigger', r.oid),
      );
    }
  },
};
