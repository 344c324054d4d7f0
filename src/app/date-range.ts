/** A search's inclusive calendar-date range as instants, in the ministry's time zone (UTC when unset). */
import { Temporal } from 'temporal-polyfill';
import { AppError } from './errors.ts';

const startOfDay = (date: string, timeZone: string) =>
  new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds);

/** From the start of `from` up to (not including) the start of the day after `to`; END_BEFORE_START if reversed. */
export function dateRange(from: string | undefined, to: string | undefined, rule: string): { from?: Date; until?: Date } {
  if (from && to && from > to) {
    throw new AppError('END_BEFORE_START', 'The end of the date range is before its start.', { field: 'to', rule });
  }
  const timeZone = process.env.WAYPOINT_TIME_ZONE ?? 'America/Edmonton';
  return {
    ...(from && { from: startOfDay(from, timeZone) }),
    ...(to && { until: startOfDay(Temporal.PlainDate.from(to).add({ days: 1 }).toString(), timeZone) }),
  };
}
