/**
 * What the calculator's form checks before asking the server: the fields a scenario cannot do
 * without, each message naming its row in words. Everything else (real dates, amounts, evidence
 * that needs a subtype or a person) is the server's to check, and it names the field.
 */
import { z } from 'zod';
import type { ApiForm } from '../../forms/useApiForm.ts';
import type { SimulationResult } from '../../types.ts';

const s = z.string();

export const calculatorSchema = z
  .object({
    asOf: s,
    people: z.array(z.object({ id: s, birthDate: s })),
    relationships: z.array(z.object({ type: z.enum(['', 'spouse', 'dependant']), people: z.tuple([s, s]), start: s, end: s })),
    learners: z.array(z.object({ person: s, training: z.object({ start: s, end: s, load: z.enum(['', 'full-time', 'part-time']) }) })),
    evidence: z.array(
      z.object({
        type: s,
        subtype: s,
        person: s,
        amount: s,
        approved: z.enum(['', 'yes', 'no']),
        period: z.object({ start: s, end: s }),
      }),
    ),
    rates: z.array(z.object({ table: s, key: s, amount: s })),
  })
  .superRefine((form, ctx) => {
    const need = (value: string, path: (string | number)[], message: string) => {
      if (!value.trim()) ctx.addIssue({ code: 'custom', path, message });
    };
    need(form.asOf, ['asOf'], 'Enter the date of the question');
    form.people.forEach((p, i) => {
      need(p.id, ['people', i, 'id'], `Enter a name for person ${i + 1}`);
      need(p.birthDate, ['people', i, 'birthDate'], `Enter the date of birth of person ${i + 1}`);
    });
    form.relationships.forEach((r, i) => {
      need(r.type, ['relationships', i, 'type'], `Choose the kind of relationship ${i + 1}`);
      need(r.people[0], ['relationships', i, 'people', 0], `Choose the first person of relationship ${i + 1}`);
      need(r.people[1], ['relationships', i, 'people', 1], `Choose the second person of relationship ${i + 1}`);
      need(r.start, ['relationships', i, 'start'], `Enter when relationship ${i + 1} starts`);
    });
    form.learners.forEach((l, i) => {
      need(l.person, ['learners', i, 'person'], `Choose who learner ${i + 1} is`);
      need(l.training.start, ['learners', i, 'training', 'start'], `Enter when the training of learner ${i + 1} starts`);
      need(l.training.end, ['learners', i, 'training', 'end'], `Enter when the training of learner ${i + 1} ends`);
      need(l.training.load, ['learners', i, 'training', 'load'], `Choose full-time or part-time for learner ${i + 1}`);
    });
    form.evidence.forEach((e, i) => {
      need(e.type, ['evidence', i, 'type'], `Choose the type of evidence row ${i + 1}`);
      need(e.period.start, ['evidence', i, 'period', 'start'], `Enter when evidence row ${i + 1} starts`);
    });
    form.rates.forEach((r, i) => {
      need(r.amount, ['rates', i, 'amount'], `Enter the amount of rate override ${i + 1}`);
    });
  });

export type CalculatorApi = ApiForm<typeof calculatorSchema, SimulationResult>;
