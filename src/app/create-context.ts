/** Builds the application context from an open database: clock and validated policy catalogues. */
import { loadBenefitPolicy } from '../policy/benefit-rates.ts';
import { loadLearningStreamPolicy } from '../policy/learning-streams.ts';
import { loadNeedCatalogue } from '../policy/needs.ts';
import { loadPlanItemCatalogue } from '../policy/plan-items.ts';
import { loadServiceManagementPolicy } from '../policy/service-management.ts';
import type { Db } from '../store/db.ts';
import { accessLogWriter } from './access-log-writer.ts';
import { type AppContext, type Clock, systemClock } from './context.ts';

export function createContext(
  db: Db,
  options: { clock?: Clock; sessionHours?: number; demoMode?: boolean; batchChunkSize?: number } = {},
): AppContext {
  return {
    db,
    clock: options.clock ?? systemClock(),
    needs: loadNeedCatalogue(),
    planItems: loadPlanItemCatalogue(),
    serviceManagement: loadServiceManagementPolicy(),
    benefitPolicy: loadBenefitPolicy(),
    learningStreams: loadLearningStreamPolicy(),
    sessionHours: options.sessionHours ?? 8,
    batchChunkSize: options.batchChunkSize ?? 500,
    accessLog: accessLogWriter(db),
    demoMode: options.demoMode ?? false,
  };
}
