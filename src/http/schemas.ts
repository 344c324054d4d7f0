/**
 * Request and response schemas shared by routes (Zod; published in the OpenAPI document).
 * Field rules here are about shape; policy rules stay in the domain. Request objects are strict
 * (src/http/strict-input.ts): a member they do not state is refused, never dropped.
 */
import { z } from 'zod';
import { PHONE_PATTERN, PHONE_TEXT, POSTAL_CODE_PATTERN, POSTAL_CODE_TEXT } from '../app/contact-rules.ts';
import { ROLES } from '../app/roles.ts';
import { DETAIL_KINDS } from '../app/vocabulary.ts';

export { AmountCents, DecimalAmount, IsoDate } from '../app/fields.ts';

import { IsoDate, PersonName } from '../app/fields.ts';

/** A uuid, compared in lower case everywhere (PostgreSQL accepts either case; our code compares strings). */
export const Uuid = z.uuid().transform((id) => id.toLowerCase());
export const IdParams = z.object({ id: Uuid });
/** A client's Idempotency-Key header (docs/api.md "Retrying a write"): 1 to 200 visible ASCII characters. */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'An Idempotency-Key is 1 to 200 visible characters (letters, digits, punctuation; no spaces).')
  .describe('Any text of 1 to 200 visible characters, new for each write; send the same again to retry that write.');
/** The request headers of a write that takes an Idempotency-Key. */
export const IdempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });
/** The description of a write that takes an Idempotency-Key (`what`: what it makes, "adjustment"). */
export const retriedSafely = (what: string) =>
  `Send an \`Idempotency-Key\` (any text of 1 to 200 visible characters, new for each ${what}) to retry safely: a retry with the same key and the same ${what} is answered with the ${what} already made (201, \`Idempotent-Replayed: true\`), not made again; the key used for another ${what} is refused (IDEMPOTENCY_KEY_REUSED). Without one, every request sent is a new ${what}.`;
export const Version = z.number().int().min(1).max(2_147_483_647).describe('The version you read; a stale one gets 409.');

const text = (max: number) => z.string().trim().min(1).max(max);
export const Name = PersonName;

export const Address = z.strictObject({
  line1: text(200),
  line2: z.string().trim().max(200).optional(),
  city: text(100),
  province: text(50),
  postalCode: z.string().trim().toUpperCase().regex(POSTAL_CODE_PATTERN, POSTAL_CODE_TEXT),
});
export const Phone = z.string().trim().regex(PHONE_PATTERN, PHONE_TEXT);
export const Email = z.email().max(254);
export const Education = z.strictObject({
  level: text(100),
  institution: z.string().trim().max(200).optional(),
  completedOn: IsoDate.optional(),
});
export const Employment = z.strictObject({
  status: z.enum(['employed-full-time', 'employed-part-time', 'self-employed', 'unemployed', 'not-in-labour-force']),
  employer: z.string().trim().max(200).optional(),
  occupation: z.string().trim().max(200).optional(),
});

/** What every detail change carries besides its kind and value. */
const DetailFrom = { version: Version, effectiveFrom: IsoDate, acknowledgeLisWarning: z.boolean().optional() };

/** A new address, phone, email, education or employment from a date: one form per kind, each stating every member it takes. */
export const DetailChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('address'), value: Address, ...DetailFrom }),
  z.strictObject({ kind: z.literal('phone'), value: Phone, ...DetailFrom }),
  z.strictObject({ kind: z.literal('email'), value: Email, ...DetailFrom }),
  z.strictObject({ kind: z.literal('education'), value: Education, ...DetailFrom }),
  z.strictObject({ kind: z.literal('employment'), value: Employment, ...DetailFrom }),
]);
export const DetailKind = z.enum(DETAIL_KINDS);
export const Role = z.enum(ROLES);

export const FieldProblem = z
  .object({
    field: z.string(),
    code: z.string(),
    detail: z.string(),
    label: z.string().optional().describe('The field as a person reads it ("Evidence 1 amount"), when the detail does not name it.'),
    facts: z.record(z.string(), z.unknown()).optional().describe("The refusal's own facts (e.g. allowedFrom), when it has any."),
  })
  .meta({ id: 'FieldProblem' });

/**
 * RFC 9457 problem details with Waypoint's members. Open to more: a refusal may carry facts of its
 * own (the candidates of POSSIBLE_DUPLICATE, the date a rule allows from...), named in its detail.
 */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string(),
    rule: z.string().optional(),
    field: z.string().optional(),
    errors: z.array(FieldProblem).optional(),
    instance: z.string().optional(),
  })
  .loose()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
