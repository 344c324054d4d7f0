/**
 * The scholarship exemption (docs/policy/learner-benefits.md "A month's entitlement", resources):
 * scholarships, awards and prizes are exempt up to the yearly amount per person per academic year.
 * Each scholarship, taken in order of start date (then id), uses what is left of its person's
 * exemption for the academic year its period starts in.
 */
import { dateOrdinal } from '../../calendar.ts';
import { add, type Money, max, min, subtract, ZERO } from '../../money.ts';
import type { Evidence } from '../evidence.ts';
import type { LearnerRules } from '../policy.ts';

/** The exemption applied to each scholarship with an amount, by evidence id. */
export function scholarshipExemptions(
  evidence: readonly Evidence[],
  rules: Pick<LearnerRules, 'scholarshipExemptionPerAcademicYear' | 'academicYearStartsMonth'>,
): Map<string, Money> {
  const scholarships = evidence
    .filter((e) => e.type === 'income' && e.subtype === 'scholarship' && e.amount !== null)
    .map((e) => ({ e, start: dateOrdinal(e.period.start) }))
    .sort((a, b) => a.start - b.start || a.e.id.localeCompare(b.e.id));
  const used = new Map<string, Money>();
  const result = new Map<string, Money>();
  for (const { e: s } of scholarships) {
    const start = s.period.start;
    const academicYear = start.month >= rules.academicYearStartsMonth ? start.year : start.year - 1;
    const key = `${s.personId ?? ''}|${academicYear}`;
    const remaining = subtract(rules.scholarshipExemptionPerAcademicYear, used.get(key) ?? ZERO);
    const exemption = min(s.amount!, max(remaining, ZERO));
    used.set(key, add(used.get(key) ?? ZERO, exemption));
    result.set(s.id, exemption);
  }
  return result;
}
