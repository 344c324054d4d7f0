import { z } from 'zod';

/** A text field that must not be left empty; the value sent is trimmed. */
export const required = (message: string) => z.string().trim().min(1, message);

/** A text field that may be left empty; the value sent is trimmed. */
export const optional = () => z.string().trim();

/** One of a few choices (a radio group or a select): '' while none is chosen, which is refused. */
export const chosen = <V extends string>(message: string) => z.string().min(1, message) as unknown as z.ZodType<V, V | ''>;
