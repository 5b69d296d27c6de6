import type { Environment } from 'nunjucks';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/transaction.ts';
import { createBriefingPseudonymService } from './briefing-pseudonym-service.ts';
import { createBriefingReleaseService } from './briefing-release-service.ts';
import { createBriefingService } from './briefing-service.ts';
import { createBriefingTemplateService } from './briefing-template-service.ts';
import { createRedactionTermService } from './redaction-term-service.ts';

/** The briefings feature's services, for the composition root. */
export function createBriefingServices(db: Executor, config: Config, views: Environment) {
  const briefingTemplates = createBriefingTemplateService(db);
  const redactionTerms = createRedactionTermService(db, config);
  const core = createBriefingService(db, { templates: briefingTemplates, terms: redactionTerms });
  return {
    briefingTemplates,
    redactionTerms,
    briefings: {
      ...core,
      ...createBriefingReleaseService(db, core, views),
      ...createBriefingPseudonymService(db, core),
    },
  };
}
