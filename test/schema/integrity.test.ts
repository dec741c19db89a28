import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { ScratchDb } from '../helpers/server.js';
import { client, rejection, schemaDb, sid } from './fixture.js';

let db: ScratchDb;
let c: pg.Client;

beforeAll(async () => {
  db = await schemaDb({ seed: true });
  c = await client(db.url);
});

afterAll(async () => {
  await c?.end();
  await db?.drop();
});

/** Run statements in a transaction that is always rolled back, so tests do not see each other's writes. */
async function inTx<T>(fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    return await fn();
  } finally {
    await c.query('ROLLBACK');
  }
}

describe('composite tenant foreign keys', () => {
  it('every foreign key between two tenant tables includes organization_id', async () => {
    const { rows } = await c.query<{ conname: string; cols: string[] }>(
      `SELECT con.conname, array_agg(a.attname::text ORDER BY k.ord) AS cols
         FROM pg_constraint con
         CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
          AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = con.conrelid AND x.attname = 'organization_id')
          AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = con.confrelid AND x.attname = 'organization_id')
        GROUP BY con.conname`,
    );
    expect(rows.length).toBeGreaterThan(40);
    const missing = rows.filter((r) => !r.cols.includes('organization_id')).map((r) => r.conname);
    expect(missing).toEqual([]);
  });

  it('rejects a task in one tenant pointing at a project of another', async () => {
    const [globex, acmeProject, globexUser] = [await sid(c, 'org', 2), await sid(c, 'project', 1), await sid(c, 'user', 9)];
    const err = await inTx(() =>
      rejection(c.query(`INSERT INTO tasks (organization_id, project_id, created_by, title) VALUES ($1, $2, $3, 'x')`, [globex, acmeProject, globexUser])),
    );
    expect(err.code).toBe('23503');
    expect(err.constraint).toBe('tasks_project_fkey');
  });

  it('rejects assigning a task to someone who is not a member of the tenant', async () => {
    const [task, outsider] = [await sid(c, 'task', 1, 1), await sid(c, 'user', 20)];
    const err = await inTx(() => rejection(c.query(`UPDATE tasks SET assignee_id = $2 WHERE id = $1`, [task, outsider])));
    expect(err.code).toBe('23503');
    expect(err.constraint).toBe('tasks_assignee_fkey');
  });

  it('rejects a comment reply whose target differs from its parent', async () => {
    const [acme, author, parent, otherTask] = [await sid(c, 'org', 1), await sid(c, 'user', 1), await sid(c, 'comment', 1, 1), await sid(c, 'task', 1, 2)];
    const err = await inTx(() =>
      rejection(c.query(`INSERT INTO comments (organization_id, author_id, parent_id, task_id, body) VALUES ($1, $2, $3, $4, 'hi')`, [acme, author, parent, otherTask])),
    );
    expect(err.constraint).toBe('comments_reply_target');
  });

  it('requires exactly one comment target (exclusive arc)', async () => {
    const [acme, author, project, task] = [await sid(c, 'org', 1), await sid(c, 'user', 1), await sid(c, 'project', 1), await sid(c, 'task', 1, 1)];
    const two = await inTx(() =>
      rejection(c.query(`INSERT INTO comments (organization_id, author_id, project_id, task_id, body) VALUES ($1, $2, $3, $4, 'x')`, [acme, author, project, task])),
    );
    expect(two.constraint).toBe('comments_target_check');
    const none = await inTx(() => rejection(c.query(`INSERT INTO comments (organization_id, author_id, body) VALUES ($1, $2, 'x')`, [acme, author])));
    expect(none.constraint).toBe('comments_target_check');
  });
});

describe('task dependencies', () => {
  // Seeded project 1: task k depends on k-1 (k % 4 <> 1), so 2 -> 1 and 3 -> 2 exist.
  async function edge(from: number, to: number) {
    const [acme, project, a, b] = [await sid(c, 'org', 1), await sid(c, 'project', 1), await sid(c, 'task', 1, from), await sid(c, 'task', 1, to)];
    return c.query(`INSERT INTO task_dependencies (organization_id, project_id, task_id, depends_on_task_id) VALUES ($1, $2, $3, $4)`, [acme, project, a, b]);
  }

  it('rejects a self-dependency', async () => {
    const err = await inTx(() => rejection(edge(5, 5)));
    expect(err.constraint).toBe('task_dependencies_self_check');
  });

  it('rejects a direct and a transitive cycle', async () => {
    expect((await inTx(() => rejection(edge(1, 2)))).constraint).toBe('task_dependencies_acyclic');
    expect((await inTx(() => rejection(edge(1, 3)))).constraint).toBe('task_dependencies_acyclic');
  });

  it('accepts a new edge that closes no cycle', async () => {
    const r = await inTx(() => edge(3, 1));
    expect(r.rowCount).toBe(1);
  });

  it('rejects a dependency on a task of another project', async () => {
    const [acme, p1, t1, t2] = [await sid(c, 'org', 1), await sid(c, 'project', 1), await sid(c, 'task', 1, 1), await sid(c, 'task', 2, 1)];
    const err = await inTx(() =>
      rejection(c.query(`INSERT INTO task_dependencies (organization_id, project_id, task_id, depends_on_task_id) VALUES ($1, $2, $3, $4)`, [acme, p1, t1, t2])),
    );
    expect(err.code).toBe('23503');
  });
});

describe('file processing jobs', () => {
  async function newJob(): Promise<string> {
    const [acme, file] = [await sid(c, 'org', 1), await sid(c, 'file', 1, 1)];
    const r = await c.query<{ id: string }>(`INSERT INTO file_processing_jobs (organization_id, file_id, job_type) VALUES ($1, $2, 'embed') RETURNING id`, [acme, file]);
    return r.rows[0]!.id;
  }
  const setStatus = (id: string, status: string, extra = '') =>
    c.query<{ status: string; attempts: number; finished_at: Date | null }>(
      `UPDATE file_processing_jobs SET status = $2 ${extra} WHERE id = $1 RETURNING status, attempts, finished_at`,
      [id, status],
    );

  it('follows pending -> processing -> completed, counting attempts and stamping times', async () => {
    await inTx(async () => {
      const id = await newJob();
      const p = await setStatus(id, 'processing');
      expect(p.rows[0]).toMatchObject({ status: 'processing', attempts: 1, finished_at: null });
      const done = await setStatus(id, 'completed');
      expect(done.rows[0]!.finished_at).toBeInstanceOf(Date);
    });
  });

  it('allows a retry after a failure', async () => {
    await inTx(async () => {
      const id = await newJob();
      await setStatus(id, 'processing');
      await setStatus(id, 'failed', `, error_message = 'boom'`);
      await setStatus(id, 'pending');
      expect((await setStatus(id, 'processing')).rows[0]!.attempts).toBe(2);
    });
  });

  for (const [from, to] of [
    ['pending', 'completed'],
    ['pending', 'failed'],
    ['completed', 'pending'],
    ['cancelled', 'processing'],
  ] as const) {
    it(`rejects ${from} -> ${to}`, async () => {
      await inTx(async () => {
        const id = await newJob();
        if (from === 'completed') {
          await setStatus(id, 'processing');
          await setStatus(id, 'completed');
        } else if (from === 'cancelled') await setStatus(id, 'cancelled');
        const err = await rejection(setStatus(id, to, to === 'failed' ? `, error_message = 'x'` : ''));
        expect(err.constraint).toBe('file_processing_jobs_transition');
      });
    });
  }
});

describe('document links', () => {
  // Seeded per tenant: document 1 is an RFQ, 2 and 3 are offers answering it, 4 is the next RFQ.
  const link = async (rfq: number, offer: number) =>
    c.query(`INSERT INTO document_links (organization_id, rfq_id, offer_id, linked_by) VALUES ($1, $2, $3, $4)`, [
      await sid(c, 'org', 1),
      await sid(c, 'document', 1, rfq),
      await sid(c, 'document', 1, offer),
      await sid(c, 'user', 1),
    ]);

  it('links an RFQ to an offer', async () => {
    expect((await inTx(() => link(4, 2))).rowCount).toBe(1);
  });

  it('rejects an offer in the RFQ position and an RFQ in the offer position', async () => {
    expect((await inTx(() => rejection(link(2, 3)))).constraint).toBe('document_links_rfq_fkey');
    expect((await inTx(() => rejection(link(1, 4)))).constraint).toBe('document_links_offer_fkey');
  });

  it('rejects pinning another kind in the kind columns', async () => {
    const err = await inTx(async () =>
      rejection(
        c.query(`INSERT INTO document_links (organization_id, rfq_id, rfq_kind, offer_id, linked_by) VALUES ($1, $2, 'offer', $3, $4)`, [
          await sid(c, 'org', 1), await sid(c, 'document', 1, 2), await sid(c, 'document', 1, 3), await sid(c, 'user', 1),
        ]),
      ),
    );
    expect(err.constraint).toBe('document_links_rfq_kind_check');
  });

  it('rejects changing the kind of a linked document', async () => {
    const err = await inTx(async () => rejection(c.query(`UPDATE documents SET kind = 'contract' WHERE id = $1`, [await sid(c, 'document', 1, 2)])));
    // ON UPDATE RESTRICT on the kind-carrying FK: restrict_violation on PostgreSQL 18, foreign_key_violation before.
    expect(['23001', '23503']).toContain(err.code);
    expect(err.constraint).toBe('document_links_offer_fkey');
  });

  it('keeps one chunk per document and index, and checks feedback ranges', async () => {
    const [acme, doc, user] = [await sid(c, 'org', 1), await sid(c, 'document', 1, 1), await sid(c, 'user', 1)];
    const dup = await inTx(() =>
      rejection(
        c.query(
          `INSERT INTO chunk_meta (organization_id, document_id, chunk_index, char_start, char_end, token_count, content_sha256, embedding_model, embedding_dims, vector_ref)
           VALUES ($1, $2, 0, 0, 10, 3, sha256('x'), 'm', 8, 'v')`,
          [acme, doc],
        ),
      ),
    );
    expect(dup.constraint).toBe('chunk_meta_document_chunk_key');
    const rating = await inTx(() => rejection(c.query(`INSERT INTO feedback (organization_id, document_id, user_id, rating) VALUES ($1, $2, $3, 6)`, [acme, doc, user])));
    expect(rating.constraint).toBe('feedback_rating_check');
  });
});

describe('row maintenance', () => {
  it('maintains updated_at and version on update', async () => {
    await inTx(async () => {
      const id = await sid(c, 'project', 1);
      const before = (await c.query<{ version: number; updated_at: Date }>(`SELECT version, updated_at FROM projects WHERE id = $1`, [id])).rows[0]!;
      const after = (await c.query<{ version: number; updated_at: Date }>(`UPDATE projects SET name = 'Renamed' WHERE id = $1 RETURNING version, updated_at`, [id])).rows[0]!;
      expect(after.version).toBe(before.version + 1);
      expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    });
  });
});
