/**
 * PostgreSQL helpers for the benchmarks: a server URL, throw-away databases (optionally copied
 * from a template, which is how the value and the baseline of a figure start from the same data),
 * and COPY FROM STDIN on a plain `pg` client without another dependency.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the benchmarks use (loopback only). */
export function serverUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
    throw new Error(`The benchmarks only talk to a loopback PostgreSQL server, not ${host}.`);
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(f: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

/**
 * What every bench database's name starts with: `waypoint_bench`, or BENCH_DATABASE_PREFIX (a
 * lower-case identifier), so that runs sharing one server keep (and clean up) only their own.
 */
export function benchDatabasePrefix(): string {
  const prefix = process.env.BENCH_DATABASE_PREFIX || 'waypoint_bench';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`BENCH_DATABASE_PREFIX must be a lower-case identifier, not ${prefix}`);
  return prefix;
}

/**
 * A new bench database's name: the prefix, `p` and the pid of the process that creates it (the
 * run's own process: every bench creates its databases there, never in a phase's worker), the
 * label and a random suffix. The pid tells dropLeftovers whose database it is.
 */
export const benchDatabaseName = (label: string) => `${benchDatabasePrefix()}_p${process.pid}_${label}_${randomBytes(4).toString('hex')}`;

/** Whether a process with this pid is running on this machine (EPERM: it runs, as another user). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates a database, empty or as a copy of `template` (which must have no open connections). */
export async function createDatabase(name: string, template?: string): Promise<string> {
  await admin((c) => c.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  return databaseUrl(name);
}

/** What a database kept with --keep says of itself (its comment): dropLeftovers leaves it, to be dropped by hand. */
const KEPT = 'waypoint bench: kept with --keep; drop it by hand';

/** Marks a run's database as kept on purpose (`npm run bench -- --keep`): no later run or test drops it. */
export async function markKept(name: string): Promise<void> {
  await admin((c) => c.query(`comment on database ${name} is '${KEPT}'`));
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/**
 * Drops the bench databases left behind by runs that have ended (killed) and returns their names;
 * those a run kept on purpose (--keep, markKept) stay. Two benches may share one server at the same time, so a database is
 * dropped only when all of these hold:
 * - its name carries the pid of the process that created it (benchDatabaseName); a name without
 *   one (made by an older bench) says nothing about its run and is kept, to be dropped by hand;
 * - no process with that pid runs (the server is on loopback, so the pid is this machine's; a pid
 *   reused since by another process only keeps a leftover longer, never drops a live one);
 * - it was not kept on purpose (its comment is not KEPT);
 * - nobody is connected to it: a plain DROP DATABASE (never WITH (FORCE)) fails while a session is
 *   open, and the database is then kept.
 */
export async function dropLeftovers(): Promise<string[]> {
  const prefix = benchDatabasePrefix();
  const owner = new RegExp(`^${prefix}_p(\\d+)_`);
  return admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database d
        where starts_with(datname, $1) and shobj_description(d.oid, 'pg_database') is distinct from $2`,
      [`${prefix}_p`, KEPT],
    );
    const dropped: string[] = [];
    for (const { datname } of rows) {
      const pid = owner.exec(datname)?.[1];
      if (pid === undefined || processRuns(Number(pid))) continue;
      try {
        await c.query(`drop database if exists ${datname}`);
        dropped.push(datname);
      } catch (error) {
        if ((error as { code?: string }).code !== '55006') throw error; // object_in_use: someone is connected
      }
    }
    return dropped.sort();
  });
}

/** One value in COPY's text format. */
export function copyValue(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return v.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
}

export const copyLine = (values: readonly (string | number | null)[]) => `${values.map(copyValue).join('\t')}\n`;

/**
 * `COPY table (columns) FROM STDIN` with the rows given as COPY text lines. A `pg` "submittable":
 * the client hands it the connection, it answers the server's CopyInResponse with the data.
 */
class CopyFromStdin {
  private error: unknown = null;
  private rowCount = 0;
  readonly done: Promise<number>;
  private settle!: { resolve: (n: number) => void; reject: (e: unknown) => void };
  constructor(
    private readonly text: string,
    private readonly chunks: readonly Buffer[],
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }) {
    this.rowCount = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }
  handleError(error: unknown) {
    // Settle at once: after an error in COPY the server may not send ReadyForQuery to this submittable.
    this.error = error;
    this.settle.reject(error);
  }
  handleReadyForQuery() {
    if (this.error) this.settle.reject(this.error);
    else this.settle.resolve(this.rowCount);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** COPY rows (COPY text lines) into a table; returns the rows copied. */
export async function copyFrom(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  lines: readonly string[],
): Promise<number> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < lines.length; i += 2000) chunks.push(Buffer.from(lines.slice(i, i + 2000).join(''), 'utf8'));
  const copy = new CopyFromStdin(`copy ${table} (${columns.join(',')}) from stdin`, chunks);
  (client as unknown as { query(s: CopyFromStdin): void }).query(copy);
  return copy.done;
}
