/**
 * The job queue's SQL for the jobs (src/jobs): pg-boss's tables in the `pgboss` schema of this
 * database (store/repos/job-queue.ts). Nothing here checks permissions: these are the system's
 * own workers, and what a chunk changes is audited by the job's use cases.
 */
export {
  deadLetters,
  holdChunk,
  lockRunPlanning,
  orphanedChunk,
  queueExecutor,
  runCounts,
  runOutcomes,
  transactionExecutor,
  unfinishedRun,
  QUEUE_SCHEMA,
  type DeadLetter,
  type RunCount,
  type SqlExecutor,
} from '../store/repos/job-queue.ts';
export type { Db, Tx } from '../store/db.ts';
