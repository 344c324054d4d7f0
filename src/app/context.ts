/**
 * What every use case receives: the database, a clock (the only place "today" comes from), the
 * policy catalogues, and the acting user.
 */
import { Temporal } from 'temporal-polyfill';
import type { NeedCatalogue } from '../domain/assessments/assessment.ts';
import type { PlainDate } from '../domain/calendar.ts';
import type { BenefitPolicy } from '../policy/benefit-rates.ts';
import type { LearningStreamTable } from '../policy/learning-streams.ts';
import type { PlanItemCatalogue } from '../policy/plan-items.ts';
import type { ServiceManagementTable } from '../policy/service-management.ts';
import type { Db } from '../store/db.ts';
import type { AccessLogWriter } from './access-log-writer.ts';
import type { Role } from './roles.ts';

export interface Actor {
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

export interface Clock {
  today(): PlainDate;
  now(): Temporal.Instant;
}

/** The ministry works on Mountain time (Alberta). */
export const systemClock = (timeZone = process.env.WAYPOINT_TIME_ZONE ?? 'America/Edmonton'): Clock => ({
  today: () => Temporal.Now.plainDateISO(timeZone),
  now: () => Temporal.Now.instant(),
});

/** The clock's instant as a `Date` for timestamp columns, optionally `plusMs` later (an expiry). */
export const timestamp = (clock: Clock, plusMs = 0): Date => new Date(clock.now().epochMilliseconds + plusMs);

export const fixedClock = (today: string): Clock => ({
  today: () => Temporal.PlainDate.from(today),
  now: () => Temporal.PlainDate.from(today).toZonedDateTime({ timeZone: 'UTC', plainTime: '12:00' }).toInstant(),
});

export interface AppContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly needs: NeedCatalogue;
  readonly planItems: PlanItemCatalogue;
  /** R03 periods in force on a date. */
  readonly serviceManagement: ServiceManagementTable;
  /** Learner benefit rates and rules (src/policy/data), loaded and validated once with the context. */
  readonly benefitPolicy: BenefitPolicy;
  /** R08 and the duration caps in force on a date (src/policy/data/learning-streams.json). */
  readonly learningStreams: LearningStreamTable;
  readonly sessionHours: number;
  /** Keys per chunk of a set-based batch run (reassessment, the two-attending scan): WAYPOINT_BATCH_CHUNK, default 500. */
  readonly batchChunkSize: number;
  /** Access-log rows of reads made outside a transaction, committed in shared multi-row inserts (access-log-writer.ts). */
  readonly accessLog: AccessLogWriter;
  /** Demo mode (the demo data on the embedded database, or asked for): only then is the published demo password accepted. */
  readonly demoMode?: boolean;
  /**
   * The demo seeding (demo-data.ts): it writes the demo records acting as the demo users, who read
   * nobody's file by it, so its reads are not logged (they would show as those users' "Recently
   * viewed"). Set only by the seeding, on its own copy of the context; real users' reads are logged.
   */
  readonly seeding?: boolean;
}
