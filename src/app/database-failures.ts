/**
 * How the database failed, for the edges that answer for it (http/problems.ts): the connection was
 * lost, or two transactions met. Told apart once, in store/database-errors.ts, where the store also
 * decides what may run again.
 */
export { connectionLost, transactionsCollided } from '../store/database-errors.ts';
