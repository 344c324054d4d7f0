/** Response schemas of an official's own work: "My caseload" and "Recently viewed". */
import { z } from 'zod';
import { CalendarDate, Id, Instant, Int } from './response-schemas.ts';

const ListedPerson = z.object({ id: Id, reference: z.string(), givenName: z.string(), familyName: z.string() });
const OffsetPage = z.object({
  limit: Int,
  offset: Int,
  total: Int.describe('How many people the list pages through: those you may read (people left out are not counted).'),
  nextOffset: Int.nullable(),
});

export const CaseloadPage = z
  .object({
    people: z.array(
      z.object({
        person: ListedPerson,
        nextDueOn: CalendarDate.nullable().describe(
          'The earliest expected end of my open plan items for the person; null when I hold only their case.',
        ),
        plan: z.object({ id: Id, reference: z.string(), status: z.string() }).nullable().describe("The person's most recent Service Plan."),
        openCase: z.object({ id: Id, reference: z.string() }).nullable(),
      }),
    ),
    page: OffsetPage,
  })
  .meta({ id: 'CaseloadPage' });

export const RecentlyViewedPage = z
  .object({
    people: z.array(z.object({ person: ListedPerson, viewedAt: Instant })),
    page: OffsetPage,
  })
  .meta({ id: 'RecentlyViewedPage' });
