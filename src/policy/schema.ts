/** Shared Zod pieces for validating policy data files. */
import { z } from 'zod';
import { parseDate } from '../domain/calendar.ts';

export const IsoDateString = z.string().refine((v) => parseDate(v).ok, 'a real date in the form YYYY-MM-DD');
