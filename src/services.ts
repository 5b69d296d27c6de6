import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { createApiTokenService } from './features/api/api-token-service.ts';
import { createAuditService } from './features/audits/audit-service.ts';
import { createAuthService } from './features/auth/auth-service.ts';
import { createCaseServices } from './features/cases/case-services.ts';
import { createMailService } from './features/mail/mail-service.ts';
import { createTransport, type Transport } from './features/mail/transports.ts';
import { createChronologyService } from './features/chronology/chronology-service.ts';
import { createImportService } from './features/chronology/import-service.ts';
import { createConcernService } from './features/concerns/concern-service.ts';
import { createFindingService } from './features/meeting/finding-service.ts';
import { createRecommendationService } from './features/meeting/recommendation-service.ts';
import { createActionService } from './features/actions/action-service.ts';
import { createPackService } from './features/meeting/pack-service.ts';
import { createCaseNotesService } from './features/meeting/case-notes-service.ts';
import { createLearningThemeService } from './features/meeting/learning-theme-service.ts';
import { createMeetingRecordService } from './features/meeting/meeting-record-service.ts';
import { createEvidenceService } from './features/actions/evidence-service.ts';
import { createReportService } from './features/report/report-service.ts';
import { createUserAdminService } from './features/admin/users-service.ts';
import { createAgencyService } from './features/admin/agency-service.ts';
import { createOperatorService } from './features/admin/operator-service.ts';
import { firstPartnershipNames } from './features/admin/partnership-repository.ts';
import { createSettingsService } from './features/admin/settings-service.ts';
import { createAuditLogService } from './features/audit-log/audit-log-service.ts';
import { createAssignmentService } from './features/involvement/assignment-service.ts';
import { createDeadlineReminders } from './features/involvement/deadline-reminders.ts';
import { createInvolvementService } from './features/involvement/involvement-service.ts';
import { createReturnService } from './features/returns/return-service.ts';
import { createTemplateService } from './features/templates/template-service.ts';
import { createHealthService } from './features/home/health-service.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { createMaintenanceService } from './jobs/maintenance-service.ts';
import { createBriefingServices } from './features/briefings/briefing-services.ts';
import { createExchangeService } from './features/exchange/exchange-service.ts';
import { createReturnWaiverService } from './features/involvement/return-waiver-service.ts';
import { loadIdentities } from './features/cases/identity-repository.ts';
import { ensureShippedTemplates } from './features/templates/template-repository.ts';
import { createNunjucks } from './web/nunjucks.ts';

/**
 * The composition root: database -> repositories -> services. Nothing is a module singleton, so a
 * test builds exactly the services it needs on its own database.
 */
export function createServices(options: {
  config: Config;
  db: Db;
  jobs?: JobQueue;
  transport?: Transport;
  logger?: FastifyBaseLogger;
}) {
  const { config, db, jobs } = options;
  const transport = options.transport ?? createTransport(config.mail);
  // The one Nunjucks environment of the process: pages and the documents rendered from templates.
  const views = createNunjucks();
  const mail = createMailService(db, jobs, transport);
  const auth = createAuthService(db, config, mail);
  const apiTokens = createApiTokenService(db, auth);
  const returns = createReturnService(db, config, mail);
  const chronology = createChronologyService(db, returns);
  const audits = createAuditService(db);
  const concerns = createConcernService(db, config, mail, returns, audits);
  const caseNotes = createCaseNotesService(db);
  const actions = createActionService(db, config, mail);
  const briefingServices = createBriefingServices(db, config, views);

  // The partnership name for pages seen before sign-in, when the instance serves one partnership.
  let publicName: { value: string | undefined; at: number } = { value: undefined, at: 0 };
  const refreshPublicName = async () => {
    const names = await firstPartnershipNames(db);
    publicName = { value: names.length === 1 ? names[0] : undefined, at: Date.now() };
  };

  // No `db` here: routes, controllers and the CLI reach data only through services.
  return {
    config,
    views,
    jobs,
    transport,
    mail,
    auth,
    apiTokens,
    templates: createTemplateService(db, audits),
    health: createHealthService(db),
    audits,
    ...createCaseServices(db, config),
    returns,
    concerns,
    chronology,
    findings: createFindingService(db),
    recommendations: createRecommendationService(db),
    actions,
    pack: createPackService(db, chronology, concerns, caseNotes),
    meetingRecords: createMeetingRecordService(db, caseNotes),
    learningThemes: createLearningThemeService(db),
    report: createReportService(db, { audits, terms: briefingServices.redactionTerms, views }),
    userAdmin: createUserAdminService(db, config, mail, auth),
    agencies: createAgencyService(db),
    operator: createOperatorService(db, config, auth),
    partnershipSettings: createSettingsService(db),
    auditLog: createAuditLogService(db),
    involvement: createInvolvementService(db, config, mail, returns),
    returnWaivers: createReturnWaiverService(db),
    assignments: createAssignmentService(db, config, mail),
    deadlineReminders: createDeadlineReminders(db, config, mail, returns),
    chronologyImports: createImportService(db, config, jobs, chronology),
    caseNotes,
    actionEvidence: createEvidenceService(db, config, actions),
    ...briefingServices,
    exchange: createExchangeService(db, config, {
      audits,
      loadIdentities: (executor, caseIds) => loadIdentities(executor, config.encryptionKey, caseIds),
      terms: (audit, actor) => briefingServices.redactionTerms.forAudit(audit, actor),
      ensureShippedTemplates,
    }),
    maintenance: createMaintenanceService(db, jobs),
    publicPartnershipName(): string | undefined {
      if (Date.now() - publicName.at > 30_000) {
        publicName.at = Date.now();
        void refreshPublicName().catch(() => {});
      }
      return publicName.value;
    },
    refreshPublicName,
  };
}

export type Services = ReturnType<typeof createServices>;
