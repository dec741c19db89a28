import type { PublicationObject, PublicationTableObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment, literal } from './sql.js';

// Publications are catalog entries: their DDL takes no table lock beyond SHARE UPDATE EXCLUSIVE on added tables.
const withOptions = (p: PublicationObject) => {
  const opts = [`publish = ${literal(p.publish.join(', '))}`, `publish_via_partition_root = ${p.viaRoot}`];
  if (p.generatedColumns !== null) opts.push(`publish_generated_columns = ${p.generatedColumns}`);
  return opts.join(', ');
};

/** After the tables and schemas it names; its single tables are added by publication_table steps. */
export const publicationRules: KindRules<PublicationObject> = {
  kind: 'publication',
  order: 13,
  create(p) {
    const target = p.allTables ? ' FOR ALL TABLES' : p.schemas.length ? ` FOR TABLES IN SCHEMA ${p.schemas.join(', ')}` : '';
    return [{ sql: `CREATE PUBLICATION ${p.qname}${target} WITH (${withOptions(p)})`, lock: 'none' }, ...createComment(`PUBLICATION ${p.qname}`, p.comment)];
  },
  drop: (p) => [{ sql: `DROP PUBLICATION ${p.qname}`, lock: 'none' }],
  alter(a, b) {
    if (a.allTables !== b.allTables) return null;
    const out: Statement[] = [];
    const gone = a.schemas.filter((s) => !b.schemas.includes(s));
    const added = b.schemas.filter((s) => !a.schemas.includes(s));
    if (gone.length) out.push({ sql: `ALTER PUBLICATION ${b.qname} DROP TABLES IN SCHEMA ${gone.join(', ')}`, lock: 'none' });
    if (added.length) out.push({ sql: `ALTER PUBLICATION ${b.qname} ADD TABLES IN SCHEMA ${added.join(', ')}`, lock: 'SHARE UPDATE EXCLUSIVE' });
    if (a.publish.join() !== b.publish.join() || a.viaRoot !== b.viaRoot || a.generatedColumns !== b.generatedColumns) {
      out.push({ sql: `ALTER PUBLICATION ${b.qname} SET (${withOptions(b)})`, lock: 'none' });
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(`PUBLICATION ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

function tableSpec(t: PublicationTableObject): string {
  let s = `TABLE ${t.table}`;
  if (t.columns) s += ` (${t.columns.join(', ')})`;
  if (t.where !== null) s += ` WHERE (${t.where})`;
  return s;
}

/** ALTER PUBLICATION ... ADD / DROP TABLE; dropped before the table it names. SET TABLE would replace every table. */
export const publicationTableRules: KindRules<PublicationTableObject> = {
  kind: 'publication_table',
  order: 13.5,
  // A row filter or column list holds parsed column references.
  recreateOnDependencyChange: true,
  create: (t) => [{ sql: `ALTER PUBLICATION ${t.publication} ADD ${tableSpec(t)}`, lock: 'SHARE UPDATE EXCLUSIVE' }],
  drop: (t) => [{ sql: `ALTER PUBLICATION ${t.publication} DROP TABLE ${t.table}`, lock: 'SHARE UPDATE EXCLUSIVE' }],
  alter: () => null,
};
