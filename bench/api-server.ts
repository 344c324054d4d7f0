/**
 * The servers the API figure loads, each in its own process on a loopback port:
 *   node --import tsx bench/api-server.ts waypoint <database url>   the real Waypoint server
 *   node --import tsx bench/api-server.ts bare <database url>       bare Fastify + pg, same queries
 * Prints "LISTENING <port>" once ready. With BENCH_ROUND_TRIPS=1 it counts its round trips to the
 * database (each ends with the server's ReadyForQuery) and prints "ROUND_TRIPS <n>" when stopped.
 *
 * The Waypoint server runs its audit sealer as `waypoint serve` does (every 5 s, keys in the run's
 * audit folder, WAYPOINT_AUDIT_DIR), so the write figure includes sealing the events it writes.
 *
 * The bare server answers GET /api/pdcs/:id with the same rows as a case page (the case, its
 * versions with their authors and entitlement totals, the current version's months, its
 * over/underpayments, the live two-attending holds on it), and POST /api/pdcs/:id/evidence with the
 * same two inserts in a transaction (the evidence and its first version). What it leaves out:
 * the session check, the caseload check and the access log row (read), the case lock, the
 * household and period validation and the audit event (write), request validation and response
 * schemas, the security headers, the CSRF and rate-limit hooks.
 */
import Fastify from 'fastify';
import pg from 'pg';

const [mode, url] = process.argv.slice(2);
if ((mode !== 'waypoint' && mode !== 'bare') || !url) {
  console.error('usage: bench/api-server.ts <waypoint|bare> <database url>');
  process.exit(2);
}
const POOL = 10;

let roundTrips = 0;
/** Counts the round trips of every connection the pool hands out (BENCH_ROUND_TRIPS=1). */
function countRoundTrips(pool: pg.Pool): void {
  if (process.env.BENCH_ROUND_TRIPS !== '1') return;
  const counted = new WeakSet<object>();
  pool.on('acquire', (client) => {
    if (counted.has(client)) return;
    counted.add(client);
    (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => roundTrips++);
  });
}

async function waypoint() {
  const { openDatabase } = await import('../src/store/db.ts');
  const { createContext } = await import('../src/app/create-context.ts');
  const { buildServer } = await import('../src/http/server.ts');
  const { auditConfig, loadAuditKeys } = await import('../src/app/audit-keys.ts');
  const { startAuditSealer } = await import('../src/app/audit-seal.ts');
  const { JOBS } = await import('../src/jobs/registry.ts');
  if (!process.env.WAYPOINT_AUDIT_DIR) throw new Error("WAYPOINT_AUDIT_DIR must name the bench run's audit folder (bench/api.ts sets it)");
  const keys = loadAuditKeys(auditConfig(), { create: true })!;
  const database = await openDatabase({ engine: 'postgres', url: url!, poolSize: POOL });
  countRoundTrips((database.db as unknown as { _: { session: { client: pg.Pool } } })._.session.client);
  const app = await buildServer({ ctx: createContext(database.db), engine: 'postgres', logger: false, webRoot: null, jobs: JOBS });
  const sealer = startAuditSealer(database.db, keys, {
    intervalMs: 5000,
    log: { info: () => {}, error: (fields) => console.error('audit sealing failed', fields) },
  });
  app.addHook('onClose', () => sealer.stop());
  return app;
}

async function bare() {
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  countRoundTrips(pool);
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/api/pdcs/:id', async (request, reply) => {
    const id = request.params.id;
    const pdc = (
      await pool.query(
        'select id, reference, status, person_id, training_start, training_end, training_load, application_received_on, version from product_delivery_cases where id = $1',
        [id],
      )
    ).rows[0];
    if (!pdc) return reply.code(404).send({ code: 'NOT_FOUND' });
    const versions = (
      await pool.query(
        `select d.id, d.version, d.reason, d.determined_on, d.created_at, u.display_name as by,
           (select coalesce(sum(m.entitlement_cents), 0) from determination_months m where m.determination_id = d.id) as entitlement_total
         from determinations d left join users u on u.id = d.created_by where d.pdc_id = $1 order by d.version desc`,
        [id],
      )
    ).rows;
    const latest = versions[0];
    const months = latest
      ? (
          await pool.query(
            'select month, components, needs_cents, resources_cents, entitlement_cents, held, hold_reason from determination_months where determination_id = $1 order by month',
            [latest.id],
          )
        ).rows
      : [];
    const differences = (await pool.query('select * from payment_differences where pdc_id = $1 order by created_at, month', [id])).rows;
    const holds = (
      await pool.query(
        "select * from two_attending_situations where status = 'detected' and (first_pdc_id = $1 or second_pdc_id = $1) order by created_at",
        [id],
      )
    ).rows;
    return { pdc, current: latest ? { ...latest, months } : null, versions, differences, holds };
  });
  app.post<{
    Params: { id: string };
    Body: {
      type: string;
      subtype?: string | null;
      personId?: string | null;
      amount?: string | null;
      periodStart: string;
      periodEnd?: string | null;
      note?: string;
    };
  }>('/api/pdcs/:id/evidence', async (request, reply) => {
    const b = request.body;
    const client = await pool.connect();
    try {
      await client.query('begin');
      const user = (await client.query("select id from users where username = 'waypoint.system'")).rows[0];
      const record = (
        await client.query('insert into evidence (pdc_id, type, created_by) values ($1, $2, $3) returning id', [
          request.params.id,
          b.type,
          user.id,
        ])
      ).rows[0];
      const amount = b.amount == null ? null : Math.round(Number(b.amount) * 100);
      const version = (
        await client.query(
          `insert into evidence_versions (evidence_id, number, kind, subtype, person_id, amount_cents, period_start, period_end, note, status, approval, created_by)
             values ($1, 1, 'original', $2, $3, $4, $5, $6, $7, 'in-edit', 'not-required', $8) returning id`,
          [record.id, b.subtype ?? null, b.personId ?? null, amount, b.periodStart, b.periodEnd ?? null, b.note ?? '', user.id],
        )
      ).rows[0];
      await client.query('commit');
      return reply.code(201).send({ evidenceId: record.id, versionId: version.id });
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  });
  return app;
}

const app = mode === 'waypoint' ? await waypoint() : await bare();
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
const stop = async () => {
  await app.close();
  if (process.env.BENCH_ROUND_TRIPS === '1') process.stdout.write(`ROUND_TRIPS ${roundTrips}\n`);
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
