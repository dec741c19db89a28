/**
 * `npm run conformance -- [--filter TEXT] [--source S] [--jobs N] [--timeout SEC] [--load-only]
 *  [--corpus DIR] [--out DIR]`
 *
 * Runs the outside corpus through the engine on the server `resolveServer`
 * picks (DATABASE_URL or the dev cluster). An unfiltered run writes
 * docs/conformance.md and docs/conformance.json; a filtered run prints its
 * summary and writes only when --out is given. Exit code 0 when the run
 * completed (failures are findings in the report), 1 when it could not run, 2 on usage errors.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveServer } from '../../src/cluster/index.js';
import { formatDiagnostic, StrataError, usageError } from '../../src/core/diagnostic.js';
import { queryOnce } from '../../src/db/connect.js';
import { defaultCorpusRoot, filterCases, loadCorpus } from './corpus.js';
import { loadEngine } from './engine.js';
import { runInWorkers } from './pool.js';
import { CHECKS } from './result.js';
import { renderJson, renderMarkdown, tally, type RunInfo } from './report.js';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      filter: { type: 'string' },
      source: { type: 'string' },
      jobs: { type: 'string', default: '2' },
      timeout: { type: 'string', default: '120' },
      'load-only': { type: 'boolean', default: false },
      corpus: { type: 'string' },
      out: { type: 'string' },
    },
    allowPositionals: false,
  });
  const cwd = process.cwd();
  const jobs = Number(values.jobs);
  const timeoutS = Number(values.timeout);
  if (!Number.isInteger(jobs) || jobs < 1) throw usageError('--jobs must be a positive integer');
  if (!(timeoutS > 0)) throw usageError('--timeout must be a positive number of seconds');

  const corpusRoot = path.resolve(values.corpus ?? defaultCorpusRoot(cwd));
  const all = loadCorpus(corpusRoot);
  const cases = filterCases(all, { text: values.filter, source: values.source });
  if (cases.length === 0) throw usageError('no corpus case matches the filter');
  const filtered = cases.length !== all.length;

  const server = await resolveServer({ cwd });
  const { version, major } = await serverVersion(server.adminUrl);

  let loadOnly = values['load-only'] ?? false;
  let note: string | undefined;
  if (!loadOnly) {
    try {
      await loadEngine();
    } catch (e) {
      loadOnly = true;
      note = `The engine could not be loaded (${(e as Error).message.split('\n')[0]}).`;
      process.stderr.write(`conformance: ${note} Running load-only.\n`);
    }
  }

  const started = Date.now();
  // Ctrl-C stops the pool cleanly (workers killed, their databases dropped) and writes nothing.
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results = await runInWorkers(cases, {
    signal: abort.signal,
    server,
    cwd,
    jobs,
    caseTimeoutMs: timeoutS * 1000,
    statementTimeoutMs: Math.min(60_000, timeoutS * 1000),
    serverMajor: major,
    loadOnly,
    onResult: (r, done, total) => {
      const firstFailure = CHECKS.map((k) => r[k]).find((c) => c && !c.ok)?.reason;
      const verdict =
        r.status === 'ran'
          ? CHECKS.map((k) => `${k}:${r[k]?.ok ? 'ok' : 'FAIL'}`).join(' ') + (firstFailure ? ` — ${firstFailure}` : '')
          : `${r.status}${r.reason ? `: ${r.reason}` : ''}`;
      process.stderr.write(`[${done}/${total}] ${r.id} ${verdict} (${r.ms} ms)\n`);
    },
  });

  if (abort.signal.aborted) {
    process.stderr.write(`conformance: interrupted after ${results.length} of ${cases.length} cases; no report written\n`);
    return 130;
  }

  const info: RunInfo = {
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    server: version,
    mode: loadOnly ? 'load-only' : 'full',
    command: ['npm run conformance', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    corpus: path.relative(cwd, corpusRoot) || '.',
    wallSeconds: (Date.now() - started) / 1000,
    ...(note ? { note } : {}),
  };

  const outDir = values.out ?? (filtered ? undefined : path.join(cwd, 'docs'));
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'conformance.md'), renderMarkdown(results, info));
    writeFileSync(path.join(outDir, 'conformance.json'), renderJson(results, info));
  }

  const t = tally(results);
  const line = loadOnly
    ? `${t.loadable}/${t.cases} cases load locally, ${t.unloadable} cannot`
    : `${t.loadable} loadable of ${t.cases}: ` +
      CHECKS.map((k) => `${k} ${t.pass[k]}/${t.loadable}`).join(', ') +
      `, all four ${t.all}/${t.loadable}, errors ${t.errors}`;
  process.stdout.write(`conformance: ${line}${outDir ? ` → ${path.relative(cwd, outDir) || '.'}/conformance.md` : ''}\n`);
  return 0;
}

async function serverVersion(adminUrl: string): Promise<{ version: string; major: number }> {
  const rows = await queryOnce<{ v: string; n: string }>(
    adminUrl,
    "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
  );
  const r = rows[0]!;
  return { version: `PostgreSQL ${r.v}`, major: Math.floor(Number(r.n) / 10000) };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof StrataError) {
      process.stderr.write(formatDiagnostic(e.diagnostic) + '\n');
      process.exit(e.exitCode);
    }
    process.stderr.write(`conformance: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
