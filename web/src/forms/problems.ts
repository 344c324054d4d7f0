import { ProblemError } from '../api.ts';
import { humanize } from '../format.ts';
import type { FieldProblem } from '../types.ts';

/** The field problems a failed request names: `errors[]`, or the one `field` of a problem without a list. */
export function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ProblemError)) return [];
  const { errors, field, code, detail, title } = error.problem;
  if (errors?.length) return errors;
  return field ? [{ field, code: code ?? 'INVALID', detail: detail ?? title }] : [];
}

/** Field name (dotted path from the server) -> message, the first for each field. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of fieldProblems(error)) {
    if (item.field && !(item.field in result)) result[item.field] = item.detail || humanize(item.code);
  }
  return result;
}

/** A line of an error summary; a field message that does not name its field comes with the field's label. */
export function summaryText(item: FieldProblem): string {
  if (!item.detail) return `${item.label ?? humanize(item.field)}: ${humanize(item.code)}`;
  return item.label ? `${item.label}: ${item.detail}` : item.detail;
}
