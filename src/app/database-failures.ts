/**
 * How the database failed, for the edges that answer for it (http/problems.ts): the connection was
 * lost, two transactions met, or a write met a key another had just written. Told apart once, in store/database-errors.ts, where the store also
 * decides what may run again.
 */
export { connectionLost, transactionsCollided, uniqueViolation } from '../store/database-errors.ts';
