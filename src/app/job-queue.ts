/**
 * The job queue's SQL for the jobs (src/jobs): pg-boss's tables in the `pgboss` schema of this
 * database (store/repos/job-queue.ts). Nothing here checks permissions: these are the system's
 * own workers, and what a chunk changes is audited by the job's use cases.
 */

export type { Db, Tx } from '../store/db.ts';
export {
  awaitActiveChunks,
  type DeadLetter,
  deadLetters,
  holdChunk,
  holdRunPlanning,
  lockRunPlanning,
  markStartedByHand,
  orphanedChunk,
  QUEUE_SCHEMA,
  queueExecutor,
  type RunCount,
  runCounts,
  runOutcomes,
  type SqlExecutor,
  transactionExecutor,
  unfinishedRun,
  unfinishedRunIfQueueMade,
} from '../store/repos/job-queue.ts';
