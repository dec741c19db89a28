import type { ColumnObject, TableObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';
import { columnDefinition } from './column.js';
import { alterTableOptions, columnSettings, createTableOptions } from './table-options.js';

const RESTORE_NOTE = 'down restores the structure only: data dropped by the up migration is not restored';

export const tableRules: KindRules<TableObject> = {
  kind: 'table',
  order: 4,
  createsChildren: ['column'],
  create(o, ctx) {
    const cols = childColumns(o, ctx);
    let sql: string;
    if (o.partitionOf) {
      sql = `CREATE TABLE ${o.qname} PARTITION OF ${o.partitionOf.parent}${cols.length ? ` (\n${cols.map((c) => '    ' + columnDefinition(c)).join(',\n')}\n)` : ''} ${o.partitionOf.bound}`;
    } else {
      sql = `CREATE ${o.unlogged ? 'UNLOGGED ' : ''}TABLE ${o.qname} (${cols.length ? '\n' + cols.map((c) => '    ' + columnDefinition(c)).join(',\n') + '\n' : ''})`;
      if (o.inherits.length) sql += ` INHERITS (${o.inherits.join(', ')})`;
    }
    if (o.partitionKey) sql += ` PARTITION BY ${o.partitionKey}`;
    sql += createTableOptions(o);
    const out: Statement[] = [{ sql, lock: 'ACCESS EXCLUSIVE', note: ctx.direction === 'down' ? RESTORE_NOTE : undefined }];
    for (const c of cols) out.push(...columnSettings(c));
    out.push(...createComment(`TABLE ${o.qname}`, o.comment));
    for (const c of cols) out.push(...createComment(`COLUMN ${o.qname}.${c.qname}`, c.comment));
    return out;
  },
  drop: (o) => [{ sql: `DROP TABLE ${o.qname}`, hazards: ['data-loss', 'blocking-lock'], lock: 'ACCESS EXCLUSIVE' }],
  alter(a, b) {
    if (a.partitionKey !== b.partitionKey) return null;
    if (JSON.stringify(a.partitionOf) !== JSON.stringify(b.partitionOf)) return null;
    const out: Statement[] = [];
    if (a.unlogged !== b.unlogged) {
      out.push({ sql: `ALTER TABLE ${b.qname} SET ${b.unlogged ? 'UNLOGGED' : 'LOGGED'}`, hazards: ['table-rewrite', 'blocking-lock'] });
    }
    out.push(...alterTableOptions(a, b));
    for (const p of a.inherits) if (!b.inherits.includes(p)) out.push({ sql: `ALTER TABLE ${b.qname} NO INHERIT ${p}` });
    for (const p of b.inherits) if (!a.inherits.includes(p)) out.push({ sql: `ALTER TABLE ${b.qname} INHERIT ${p}` });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`TABLE ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

function childColumns(t: TableObject, ctx: RuleContext): ColumnObject[] {
  return ctx.to
    .children(t.id)
    .filter((c): c is ColumnObject => c.kind === 'column')
    .sort((x, y) => x.position - y.position);
}
