import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001-foundation.ts';
import * as audits from './migrations/0002-audits-cases-involvement.ts';
import * as casesExtra from './migrations/0004-cases-extra.ts';
import * as returns from './migrations/0006-audit-tools-and-returns.ts';
import * as chronologies from './migrations/0007-chronologies.ts';
import * as meetings from './migrations/0008-meetings-findings-actions.ts';
import * as meetingCasesEvidence from './migrations/0010-meeting-cases-and-action-evidence.ts';
import * as briefings from './migrations/0011-briefings.ts';
import * as auditExchange from './migrations/0013-audit-exchange.ts';
import * as returnWaivers from './migrations/0014-return-waivers.ts';
import * as recommendationKind from './migrations/0015-recommendation-kind.ts';
import * as notIdentifyingHere from './migrations/0016-not-identifying-here.ts';
import * as reportNotIdentifying from './migrations/0017-report-not-identifying.ts';

/** Migrations are listed statically, in order; they only ever move forward. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-audits-cases-involvement': audits,
  '0004-cases-extra': casesExtra,
  '0006-audit-tools-and-returns': returns,
  '0007-chronologies': chronologies,
  '0008-meetings-findings-actions': meetings,
  '0010-meeting-cases-and-action-evidence': meetingCasesEvidence,
  '0011-briefings': briefings,
  '0013-audit-exchange': auditExchange,
  '0014-return-waivers': returnWaivers,
  '0015-recommendation-kind': recommendationKind,
  '0016-not-identifying-here': notIdentifyingHere,
  '0017-report-not-identifying': reportNotIdentifying,
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const reason = String(error);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
