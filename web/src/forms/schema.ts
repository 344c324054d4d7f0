import { z } from 'zod';

/** A text field that must not be left empty; the value sent is trimmed. */
export const required = (message: string) => z.string().trim().min(1, message);

/** A text field that may be left empty; the value sent is trimmed. */
export const optional = () => z.string().trim();

/** One of a few choices (a radio group or a select): '' while none is chosen, which is refused. */
export const chosen = <V extends string>(message: string) => z.string().min(1, message) as unknown as z.ZodType<V, V | ''>;

/**
 * The first date Waypoint records (MIN_DATE in src/domain/calendar.ts): a date of birth before it is
 * told in words here, rather than sent to be refused as "not a real calendar date" under the
 * server's name for the field.
 */
export const EARLIEST_DATE = '1900-01-01';
export const BIRTH_DATE_TOO_EARLY = 'Enter a date of birth from 1 Jan 1900 onwards';
