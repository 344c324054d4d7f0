/** The rate tables and their row keys (docs/scenarios.md "Rate keys"): names only, no amounts. */
export const RATE_TABLES: { code: string; label: string; keys: string[] }[] = [
  { code: 'core-essential', label: 'Core Essential', keys: ['1 adult', '2 adults', 'each child'] },
  {
    code: 'core-shelter',
    label: 'Core Shelter',
    keys: ['renting', 'homeowner', 'boarding'].flatMap((situation) =>
      ['1 adult', '2 adults', 'each child'].map((who) => `${situation}: ${who}`),
    ),
  },
  { code: 'handicap-benefit', label: 'Handicap Benefit', keys: ['each eligible person'] },
  { code: 'special-diet', label: 'Special Diet', keys: ['each person'] },
  { code: 'child-care-babysitting', label: 'Child Care – Babysitting', keys: ['each child'] },
];
