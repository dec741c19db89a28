/**
 * One reused connection per server URL for administrative statements (CREATE /
 * DROP DATABASE of scratch databases). Opening a connection costs more than
 * cloning a small template, so a process that makes many scratch databases
 * keeps one open. The socket holds the process open only while a statement is
 * running, so an idle admin connection never delays exit.
 */
import pg from 'pg';

interface Shared {
  client: pg.Client;
  ready: Promise<void>;
  /** Statements run one after another: pg deprecates overlapping queries on one client. */
  tail: Promise<unknown>;
  inflight: number;
  dead: boolean;
}

const shared = new Map<string, Shared>();

function socketOf(client: pg.Client): { ref(): void; unref(): void } | undefined {
  // pg keeps its socket on `connection.stream`; not part of the typed API.
  return (client as unknown as { connection?: { stream?: { ref(): void; unref(): void } } }).connection?.stream;
}

function open(url: string): Shared {
  const client = new pg.Client({ connectionString: url, application_name: 'strata admin' });
  const s: Shared = { client, ready: Promise.resolve(), tail: Promise.resolve(), inflight: 0, dead: false };
  const forget = () => {
    s.dead = true;
    if (shared.get(url) === s) shared.delete(url);
  };
  client.on('error', forget);
  client.on('end', forget);
  s.ready = client.connect().then(
    () => {
      if (s.inflight === 0) socketOf(client)?.unref();
    },
    (e: unknown) => {
      forget();
      throw e;
    },
  );
  shared.set(url, s);
  return s;
}

async function runOn<Row>(s: Shared, text: string, params: readonly unknown[]): Promise<Row[]> {
  s.inflight++;
  socketOf(s.client)?.ref();
  try {
    await s.ready;
    socketOf(s.client)?.ref();
    const run = s.tail.then(() => s.client.query(text, params as unknown[]));
    s.tail = run.catch(() => undefined);
    const res = await run;
    return (Array.isArray(res) ? res[res.length - 1]?.rows ?? [] : res.rows) as Row[];
  } finally {
    if (--s.inflight === 0 && !s.dead) socketOf(s.client)?.unref();
  }
}

/**
 * Run one statement on the shared admin connection for `url`. A connection the
 * server closed meanwhile (restart, terminated backend) is replaced once.
 */
export async function adminQuery<Row = Record<string, unknown>>(
  url: string,
  text: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  const existing = shared.get(url);
  if (existing && !existing.dead) {
    try {
      return await runOn<Row>(existing, text, params);
    } catch (e) {
      // Only a broken connection is retried; SQL errors are the caller's.
      if (!existing.dead) throw e;
    }
  }
  return runOn<Row>(open(url), text, params);
}

/** Close every shared admin connection (tests that restart a server call this). */
export async function closeAdminConnections(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((s) => s.client.end().catch(() => undefined)));
}
