/**
 * The household calculator's example: a copy of examples/two-attending-household.json (two partners
 * whose training overlaps from March to June 2025, a child, a scholarship, child care and travel).
 */
export const TWO_ATTENDING_EXAMPLE = `{
  "asOf": "2025-01-15",
  "people": [
    { "id": "A", "birthDate": "1990-04-02" },
    { "id": "B", "birthDate": "1991-07-19" },
    { "id": "C", "birthDate": "2021-03-10" }
  ],
  "relationships": [
    { "type": "spouse", "people": ["A", "B"], "start": "2015-06-01" },
    { "type": "dependant", "people": ["C", "A"], "start": "2021-03-10" }
  ],
  "learners": [
    { "person": "A", "training": { "start": "2025-01-06", "end": "2025-06-27", "load": "full-time" } },
    { "person": "B", "training": { "start": "2025-03-03", "end": "2025-08-29", "load": "full-time" } }
  ],
  "evidence": [
    { "type": "income", "subtype": "scholarship", "person": "A", "amount": "5000.00",
      "period": { "start": "2025-01-01", "end": "2025-06-30" } },
    { "type": "child-care", "amount": "600.00", "period": { "start": "2025-01-01", "end": "2025-08-31" } },
    { "type": "extraordinary-training-travel", "subtype": "private-vehicle", "person": "B",
      "amount": "120.00", "period": { "start": "2025-03-01", "end": "2025-08-31" } }
  ],
  "rates": { "core-essential": { "2 adults": "646.00" } }
}
`;
