/** Response schemas of an official's own work: "My caseload" and "Recently viewed". */
import { z } from 'zod';

const ListedPerson = z.object({ id: z.string(), reference: z.string(), givenName: z.string(), familyName: z.string() });
const OffsetPage = z.object({ limit: z.number(), offset: z.number(), total: z.number(), nextOffset: z.number().nullable() });

export const CaseloadPage = z
  .object({
    people: z.array(
      z.object({
        person: ListedPerson,
        nextDueOn: z
          .string()
          .nullable()
          .describe('The earliest expected end of my open plan items for the person; null when I hold only their case.'),
        plan: z
          .object({ id: z.string(), reference: z.string(), status: z.string() })
          .nullable()
          .describe("The person's most recent Service Plan."),
        openCase: z.object({ id: z.string(), reference: z.string() }).nullable(),
      }),
    ),
    page: OffsetPage,
  })
  .meta({ id: 'CaseloadPage' });

export const RecentlyViewedPage = z
  .object({
    people: z.array(z.object({ person: ListedPerson, viewedAt: z.string() })),
    page: OffsetPage,
  })
  .meta({ id: 'RecentlyViewedPage' });
