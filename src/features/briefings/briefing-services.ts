import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { createBriefingService } from './briefing-service.ts';
import { createBriefingTemplateService } from './briefing-template-service.ts';
import { createRedactionTermService } from './redaction-terms.ts';

/** The briefings feature's services, for the composition root. */
export function createBriefingServices(db: Db, config: Config) {
  const briefingTemplates = createBriefingTemplateService(db);
  const redactionTerms = createRedactionTermService(db, config);
  return {
    briefingTemplates,
    redactionTerms,
    briefings: createBriefingService(db, { templates: briefingTemplates, terms: redactionTerms }),
  };
}
