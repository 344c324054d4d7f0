/** Request bodies for tests: a complete registration, with overrides. */
let counter = 0;

export function personBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    givenName: `Test${counter}`,
    familyName: `Person${counter}`,
    birthDate: '1990-04-02',
    address: { line1: '10234 104 Street NW', city: 'Edmonton', province: 'AB', postalCode: 'T5J 2R7' },
    phone: '780-555-0100',
    email: `person${counter}@example.ca`,
    effectiveFrom: '2026-01-01',
    acknowledgeDuplicates: true,
    ...overrides,
  };
}
