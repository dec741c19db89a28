/**
 * The per-test database: a template built once from the project's migrations
 * (through the one state builder, optionally seeded and analysed), cloned for
 * each test with CREATE DATABASE ... TEMPLATE and dropped afterwards, also when
 * the test fails or the process is interrupted.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { createScratchDatabase, resolveServer, type ScratchDatabase, type ServerTarget } from '../cluster/index.js';
import { loadConfig, type ProjectConfig } from '../config/index.js';
import type { Snapshot } from '../core/model/index.js';
import { readMigrationDir } from '../migrations/index.js';
import { firstOfMonthUtc, seedDatabase, seedProfile, type SeedResult } from '../seed/index.js';
import { buildInto, snapshotDatabase, type StateSource } from '../state/index.js';
import { asRole, type RoleContext } from './context.js';
import { explain, type ExplainTarget, type Plan } from './explain.js';
import { hashInputs, sharedTemplate, type TemplateMeta } from './shared.js';

/** What the template holds besides the schema: nothing, the dev seed, or the seed at `--scale N`. */
export type SeedChoice = false | 'dev' | { scale: number };

export interface HarnessOptions {
  /** Project root (holds strata.config.json, migrations/, seed/). */
  root: string;
  /** Server to build on; default: DATABASE_URL, else the project's embedded cluster. */
  server?: ServerTarget;
  seed?: SeedChoice;
  /** ANALYZE the template after seeding (plans need statistics). Default: true when seeded. */
  analyze?: boolean;
  /** Date seeded times are relative to (default: first day of the current UTC month). */
  baseDate?: string;
  /** State to build instead of the project's migrations (default: migrations/, or schema/ while there is none). */
  source?: Exclude<StateSource, { kind: 'url' }>;
  label?: string;
  /** Clone this harness's template instead of building the state again (then seed and analyse the clone). */
  from?: Harness;
  /**
   * A test run's id (the pid of the process that owns the run, e.g. vitest's global setup): harnesses
   * with the same inputs in any process of that run share one template, built once and dropped by
   * `dropSharedTemplates(server, runId)` at the end of the run instead of by `dispose()`.
   */
  shared?: string;
}

export interface TestDatabase extends ScratchDatabase {
  /** A connected plain pg client on this database, ended by `drop()`. */
  client(): Promise<pg.Client>;
}

export interface Harness {
  config: ProjectConfig;
  server: ServerTarget;
  /** Catalog of the template's state. */
  snapshot: Snapshot;
  /** Rows per table the seed loaded (empty when not seeded). */
  seeded: SeedResult | undefined;
  /** Scratch database name of the template. */
  template: string;
  /** A fresh clone of the template. */
  database(label?: string): Promise<TestDatabase>;
  /** Run `fn` on a fresh clone and drop it afterwards, also when `fn` throws. */
  withDatabase<T>(fn: (db: TestDatabase) => Promise<T>, label?: string): Promise<T>;
  /** `asRole` with the project's tenancy settings. */
  asRole<T>(c: pg.Client, role: string, ctx: RoleContext, fn: () => Promise<T>): Promise<T>;
  explain(c: ExplainTarget, query: Parameters<typeof explain>[1], params?: Parameters<typeof explain>[2]): Promise<Plan>;
  /** Drop the template. */
  dispose(): Promise<void>;
}

export async function connectClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** The state a project's tests run on: its migrations, or its schema folder while it has none. */
export async function projectSource(config: ProjectConfig): Promise<Exclude<StateSource, { kind: 'url' }>> {
  const dir = await readMigrationDir(config.paths.migrations).catch(() => undefined);
  return dir?.migrations.length ? { kind: 'migrationsDir', dir: config.paths.migrations } : { kind: 'schemaDir', dir: config.paths.schema };
}

export async function createHarness(opts: HarnessOptions): Promise<Harness> {
  const config = await loadConfig(opts.root);
  const server = opts.server ?? (await resolveServer({ cwd: config.root }));
  const seed = opts.seed ?? false;
  const source = opts.source ?? (await projectSource(config));
  const baseDate = opts.baseDate ?? firstOfMonthUtc();
  const analyze = opts.analyze ?? Boolean(seed);

  // The build a template needs, on the empty database at `url`.
  async function fill(url: string): Promise<TemplateMeta> {
    if (!opts.from) await buildInto(source, url);
    let seeded: SeedResult | undefined;
    if (seed) {
      seeded = await seedDatabase(url, {
        seedDir: config.paths.seed,
        profile: seedProfile(config, seed === 'dev' ? 'dev' : 'scale'),
        scale: seed === 'dev' ? undefined : seed.scale,
        baseDate,
        force: true,
        bulk: seed !== 'dev',
      });
    }
    if (analyze) {
      const c = await connectClient(url);
      try {
        await c.query('ANALYZE');
      } finally {
        await c.end();
      }
    }
    return { snapshot: await snapshotDatabase(url), seeded };
  }

  let template: { name: string; drop(): Promise<void> };
  let meta: TemplateMeta;
  if (opts.shared) {
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ source: source.kind, to: 'to' in source ? source.to : undefined, seed, baseDate, analyze, from: opts.from?.template }));
    if (!opts.from) await hashInputs(hash, source.kind === 'sqlFile' ? source.file : source.dir);
    if (seed) {
      hash.update(JSON.stringify(seedProfile(config, seed === 'dev' ? 'dev' : 'scale')));
      await hashInputs(hash, config.paths.seed);
    }
    const shared = await sharedTemplate(server, opts.shared, hash.digest('hex'), fill, opts.from?.template);
    template = { name: shared.name, drop: async () => undefined };
    meta = shared.meta;
  } else {
    const db = await createScratchDatabase(server, { label: opts.label ?? 'test_template', template: opts.from?.template });
    try {
      meta = await fill(db.url);
    } catch (e) {
      await db.drop().catch(() => undefined);
      throw e;
    }
    template = db;
  }
  const { snapshot, seeded } = meta;
  const tenancy = config.tenancy;

  async function database(label = 'test'): Promise<TestDatabase> {
    const db = await createScratchDatabase(server, { template: template.name, label });
    const clients: pg.Client[] = [];
    return {
      ...db,
      async client() {
        const c = await connectClient(db.url);
        clients.push(c);
        return c;
      },
      async drop() {
        await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
        await db.drop();
      },
    };
  }

  return {
    config,
    server,
    snapshot,
    seeded,
    template: template.name,
    database,
    async withDatabase(fn, label) {
      const db = await database(label);
      try {
        return await fn(db);
      } finally {
        await db.drop();
      }
    },
    asRole: (c, role, ctx, fn) => asRole(c, role, ctx, fn, { tenancy }),
    explain: (c, query, params) => explain(c, query, params),
    dispose: () => template.drop(),
  };
}
