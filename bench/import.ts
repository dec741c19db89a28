/**
 * `strata import sqlite` on a 1M-row table (test/import/legacy.ts writeBenchDb):
 * the schema step (profile every column, try every clause) and the data load
 * (check every value, COPY in batches, set the sequence, count + checksum), each
 * into a fresh database built from the imported schema. Reports rows per second.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../src/cluster/index.js';
import { importSchema, loadData, openSqlite, readSchema, writeImportedSchema } from '../src/import/sqlite/index.js';
import { buildInto } from '../src/state/index.js';
import { writeBenchDb } from '../test/import/legacy.js';
import { median, repeat, type Bench } from './lib.js';

const ROWS = 1_000_000;
/** Three runs, not the usual five: each run moves a million rows, and the machine is shared. */
const RUNS = 3;

const bench: Bench = {
  title: 'Import from SQLite: a 1M-row table',
  async run(ctx) {
    const dir = await mkdtemp(path.join(tmpdir(), 'strata-bench-import-'));
    try {
      const file = path.join(dir, 'events.db');
      let t0 = performance.now();
      await writeBenchDb(file, ROWS);
      process.stderr.write(`  wrote ${ROWS} rows to SQLite in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
      t0 = performance.now();
      const db = await openSqlite(file);
      try {
        let schemaDir = '';
        let n = 0;
        const schemaRuns = await repeat(Math.min(ctx.runs, RUNS), async () => {
          schemaDir = path.join(dir, `schema-${n++}`);
          const imported = await importSchema(readSchema(db), ctx.server);
          await writeImportedSchema(schemaDir, imported.files, ctx.server);
        });
        process.stderr.write(`  schema runs done in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
        const schema = readSchema(db);
        let target: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
        const loadRuns = await repeat(Math.min(ctx.runs, RUNS), () => loadData(db, schema, target!.url), {
          setup: async () => {
            await target?.drop();
            target = await createScratchDatabase(ctx.server, { label: 'bench_import' });
            await buildInto({ kind: 'schemaDir', dir: schemaDir }, target.url);
          },
        });
        await target?.drop();
        const perSecond = (ms: number) => Math.round(ROWS / (ms / 1000)).toLocaleString('en-US');
        return [
          {
            name: `schema: read + profile ${ROWS.toLocaleString('en-US')} rows, try every clause, write + build`,
            samples: schemaRuns,
            note: `median of ${schemaRuns.length} runs; ${perSecond(median(schemaRuns))} rows/s profiled; 6 columns (identity, bigint, text, double, 0/1 flag, ISO dates)`,
          },
          {
            name: `--data: check every value, COPY in 5,000-row batches, set sequence, count + checksum`,
            samples: loadRuns,
            note: `median of ${loadRuns.length} runs; **${perSecond(median(loadRuns))} rows/s** end to end, one transaction; into a fresh scratch database (in-memory tablespace on the embedded cluster) built from the imported schema before each run (untimed)`,
          },
        ];
      } finally {
        db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
