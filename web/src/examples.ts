/**
 * The household calculator's example: examples/two-attending-household.json itself (two partners
 * whose training overlaps from March to June 2025, a child, a scholarship, child care and travel).
 */
export { default as TWO_ATTENDING_EXAMPLE } from '../../examples/two-attending-household.json?raw';
