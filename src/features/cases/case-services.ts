import type { Config } from '../../config.ts';
import type { Executor } from '../../db/transaction.ts';
import { createCandidateService } from './candidate-service.ts';
import { createCaseService } from './case-service.ts';
import { createIdentityService } from './identity-service.ts';
import { createSelectionService } from './selection-service.ts';

/** The cases feature's services, for the composition root. */
export function createCaseServices(db: Executor, config: Config) {
  return {
    cases: createCaseService(db, config),
    identity: createIdentityService(db, config),
    candidates: createCandidateService(db, config),
    selection: createSelectionService(db, config),
  };
}
