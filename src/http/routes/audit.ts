/** The audit trail: one record's (auditors and supervisors); the whole trail's search, CSV export and chain status (auditors). */

import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_RECORD_TYPES } from '../../app/audit.ts';
import { AUDIT_PAGE_MAX, exportAudit, searchAudit } from '../../app/audit-search.ts';
import { auditChainStatus } from '../../app/audit-status.ts';
import type { AppContext } from '../../app/context.ts';
import { actorOf } from '../auth.ts';
import { problems } from '../response-problems.ts';
import { AuditChainStatus, AuditPage } from '../response-schemas.ts';
import { IsoDate } from '../schemas.ts';

/** Every record type an audit event is written for (one list, src/app/audit.ts). */
const RecordType = z.enum(AUDIT_RECORD_TYPES);

const Filters = z.strictObject({
  recordType: RecordType.optional(),
  recordId: z.string().min(1).max(100).optional(),
  reference: z.string().trim().max(40).optional(),
  person: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(100).optional(),
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('An action code (`session.sign-in`): that action only. Other text (`plan.`, `correct`): every action whose code contains it'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  order: z.enum(['oldest', 'newest']).optional(),
});

/** A name a spreadsheet would run as a formula (=, +, -, @ first) is written with a leading apostrophe. */
const spreadsheetSafe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const CSV_COLUMNS = ['Sequence', 'When', 'Who', 'Action', 'Record type', 'Record', 'Record id', 'Changes', 'Before', 'After'];

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary:
            'Audit events. With recordType and recordId: one record, oldest first (auditors and supervisors). Otherwise auditors search the whole trail by record reference, person, actor, action and date range, newest first, a page at a time (cursor: the previous page’s nextCursor)',
          querystring: Filters.extend({
            limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
            cursor: z.coerce.number().int().min(0).optional(),
          }),
          response: { 200: AuditPage, ...problems('END_BEFORE_START') },
        },
      },
      async (request) => searchAudit(ctx, actorOf(request), request.query),
    );
    app.get(
      '/api/audit/export.csv',
      {
        schema: {
          tags: ['audit'],
          summary: 'Auditors: the events of a search (the same filters) as CSV, at most 10,000 of them',
          querystring: Filters,
          response: {
            200: {
              description: 'The events, one a row, with a header row',
              content: { 'text/csv': { schema: z.custom<Readable>().meta({ type: 'string' }) } },
            },
            ...problems('END_BEFORE_START'),
          },
        },
      },
      async (request, reply) => {
        const events = await exportAudit(ctx, actorOf(request), request.query);
        const csv = stringify({ header: true, columns: CSV_COLUMNS });
        (async () => {
          try {
            for await (const e of events) {
              const changes =
                'withheld' in e && e.withheld
                  ? e.withheld.detail
                  : e.changes.map((c) => `${c.field}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`).join('\n');
              const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
              const row = [
                e.seq,
                e.at,
                spreadsheetSafe(e.actor?.displayName ?? 'System'),
                e.action,
                e.recordType,
                e.recordLabel ?? '',
                e.recordId,
                changes,
              ];
              if (!csv.write([...row, json(e.before), json(e.after)])) await new Promise((resolve) => csv.once('drain', resolve));
            }
            csv.end();
          } catch (error) {
            csv.destroy(error as Error);
          }
        })();
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-events.csv"')
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
    app.get(
      '/api/audit/chain',
      {
        schema: {
          tags: ['audit'],
          summary:
            'Auditors: the audit chain’s verification (as waypoint audit verify, read-only): ok or not, the last sealed event, checkpoints, events pending sealing',
          response: { 200: AuditChainStatus },
        },
      },
      async (request) => auditChainStatus(ctx, actorOf(request)),
    );
  };
