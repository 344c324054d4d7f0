/**
 * The person search's rules (docs/access-control.md "Searching"): enough of a name to find someone,
 * not enough to list everyone. Pure: the app turns the plan into SQL and pages the results.
 */
import type { Refusal } from '../refusal.ts';

/** Characters of the family name a search needs, at least. */
export const FAMILY_NAME_MIN = 2;
/** Name words considered (the rest are ignored). */
export const SEARCH_WORDS_MAX = 5;
export const SEARCH_PAGE_DEFAULT = 20;
export const SEARCH_PAGE_MAX = 50;
/** The total is counted up to this many matches; beyond it the answer says "more than". */
export const SEARCH_TOTAL_CAP = 200;

export interface SearchPlan {
  /** Every word matches the start of the given or the family name. */
  readonly words: readonly string[];
  /** At least one of these (the words of FAMILY_NAME_MIN characters or more) starts the family name. */
  readonly familyPrefixes: readonly string[];
  readonly birthDate: string | null;
}

export type SearchDecision = { readonly ok: true; readonly plan: SearchPlan } | { readonly ok: false; readonly refusal: Refusal };

const RULE = 'Waypoint person search';

const tooWide = (detail: string): SearchDecision => ({
  ok: false,
  refusal: { code: 'SEARCH_TOO_WIDE', field: 'q', rule: RULE, detail, facts: { familyNameMin: FAMILY_NAME_MIN } },
});

/**
 * A search needs at least FAMILY_NAME_MIN characters of the family name, and, because a family
 * name alone is a wide match, also a given-name prefix (a second word) or the date of birth.
 */
export function planSearch(query: { readonly q?: string | undefined; readonly birthDate?: string | undefined }): SearchDecision {
  const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, SEARCH_WORDS_MAX);
  const birthDate = query.birthDate || null;
  if (words.length === 0 && birthDate === null) {
    return {
      ok: false,
      refusal: {
        code: 'REQUIRED',
        field: 'q',
        rule: RULE,
        detail: 'Enter the family name, with the start of the given name or the date of birth.',
      },
    };
  }
  if (words.length === 0) {
    return tooWide(`A date of birth alone is not enough to search by: enter at least ${FAMILY_NAME_MIN} letters of the family name too.`);
  }
  const familyPrefixes = words.filter((w) => [...w].length >= FAMILY_NAME_MIN);
  if (familyPrefixes.length === 0) return tooWide(`Type at least ${FAMILY_NAME_MIN} letters of the family name.`);
  if (words.length < 2 && birthDate === null) {
    return tooWide('A family name alone is not enough to search by: add the start of the given name, or the date of birth.');
  }
  return { ok: true, plan: { words, familyPrefixes, birthDate } };
}

/** The page asked for, within bounds: limit 1..SEARCH_PAGE_MAX (default SEARCH_PAGE_DEFAULT), offset >= 0. */
export function searchPage(input: { readonly limit?: number | undefined; readonly offset?: number | undefined }): {
  limit: number;
  offset: number;
} {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? SEARCH_PAGE_DEFAULT), 1), SEARCH_PAGE_MAX);
  const offset = Math.max(Math.trunc(input.offset ?? 0), 0);
  return { limit, offset };
}
