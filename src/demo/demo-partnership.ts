import type { Db } from '../db/database.ts';
import type { AgencyType, Role } from '../domain/roles.ts';
import { hashPassword } from '../features/auth/passwords.ts';
import { createUser } from '../features/auth/user-repository.ts';
import { loadDemoAudits } from './demo-audits.ts';
import { loadDemoLearning } from './demo-learning.ts';
import { loadDemoReturns } from './demo-returns.ts';
import { loadDemoBriefings } from './demo-briefings.ts';

/** The agencies named in the five seed briefings, with the type each one is. */
export const DEMO_AGENCIES: { key: string; name: string; type: AgencyType }[] = [
  { key: 'police', name: 'Leicestershire Police', type: 'police' },
  { key: 'social-care', name: "Children's Social Care and Early Help", type: 'social_care' },
  { key: 'health', name: 'Leicestershire Partnership NHS Trust (LPT)', type: 'community_health' },
  { key: 'education', name: 'Schools and education settings', type: 'education' },
  { key: 'gp', name: 'GPs (Clinical Commissioning Group)', type: 'gp_icb' },
  { key: 'uhl', name: 'University Hospitals of Leicester (UHL)', type: 'acute_health' },
  { key: 'uava', name: 'UAVA (United Against Violence and Abuse)', type: 'da_service' },
  { key: 'nps', name: 'National Probation Service (NPS)', type: 'probation' },
  { key: 'sstop', name: 'SSTOP', type: 'other' },
  { key: 'cafcass', name: 'CAFCASS', type: 'cafcass' },
  { key: 'turning-point', name: 'Turning Point', type: 'substance_misuse' },
  { key: 'dnlrc', name: 'DLNR Community Rehabilitation Company (DNLRC)', type: 'probation' },
  { key: 'asc', name: 'Adult Social Care (ASC)', type: 'adult_social_care' },
  { key: 'women-aid', name: "Women's Aid", type: 'da_service' },
  { key: 'health-visiting', name: 'Health Visiting and School Nursing', type: 'health_visiting' },
  { key: 'midwifery', name: 'Midwifery', type: 'midwifery' },
  { key: 'acute', name: 'Acute Hospital Trust', type: 'acute_health' },
  { key: 'housing', name: 'Housing', type: 'housing' },
  { key: 'yos', name: 'Youth Offending Service', type: 'youth_justice' },
  { key: 'mental-health', name: 'Mental Health Foundation Trust', type: 'mental_health' },
];

export type DemoUser = { email: string; name: string; role: Role; agency?: string; jobTitle: string };

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'administrator@demo.maca.test',
    name: 'Alex Administrator',
    role: 'administrator',
    jobTitle: 'Partnership business manager',
  },
  {
    email: 'coordinator@demo.maca.test',
    name: 'Casey Coordinator',
    role: 'coordinator',
    jobTitle: 'Quality assurance officer',
  },
  {
    email: 'audit-lead.police@demo.maca.test',
    name: 'Pat Police Lead',
    role: 'audit_lead',
    agency: 'police',
    jobTitle: 'Detective Inspector, safeguarding',
  },
  {
    email: 'auditor.police@demo.maca.test',
    name: 'Priya Police Auditor',
    role: 'auditor',
    agency: 'police',
    jobTitle: 'Detective Sergeant',
  },
  {
    email: 'audit-lead.social-care@demo.maca.test',
    name: 'Sam Social Care Lead',
    role: 'audit_lead',
    agency: 'social-care',
    jobTitle: 'Service manager',
  },
  {
    email: 'auditor.social-care@demo.maca.test',
    name: 'Sol Social Care Auditor',
    role: 'auditor',
    agency: 'social-care',
    jobTitle: 'Team manager',
  },
  {
    email: 'audit-lead.health@demo.maca.test',
    name: 'Harper Health Lead',
    role: 'audit_lead',
    agency: 'health',
    jobTitle: 'Named nurse, safeguarding',
  },
  {
    email: 'auditor.health@demo.maca.test',
    name: 'Hana Health Auditor',
    role: 'auditor',
    agency: 'health',
    jobTitle: 'Safeguarding practitioner',
  },
  {
    email: 'panel-member@demo.maca.test',
    name: 'Parker Panel Member',
    role: 'panel_member',
    jobTitle: 'Chair, quality assurance subgroup',
  },
  {
    email: 'action-owner.social-care@demo.maca.test',
    name: 'Ollie Action Owner',
    role: 'action_owner',
    agency: 'social-care',
    jobTitle: 'Principal social worker',
  },
  {
    email: 'practitioner@demo.maca.test',
    name: 'Robin Practitioner',
    role: 'practitioner',
    jobTitle: 'School designated safeguarding lead',
  },
];

export const DEMO_PARTNERSHIP_NAME = 'Demo Safeguarding Children Partnership';

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('partnership').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Loads the demo partnership in one transaction: all of it, or none of it. */
export async function loadDemoPartnership(
  db: Db,
  password: string,
  encryptionKey: Buffer,
): Promise<{ partnershipId: string }> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const { id: partnershipId } = await trx
      .insertInto('partnership')
      .values({ name: DEMO_PARTNERSHIP_NAME })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agencyIds = new Map<string, string>();
    for (const agency of DEMO_AGENCIES) {
      const row = await trx
        .insertInto('agency')
        .values({ partnership_id: partnershipId, name: agency.name, type: agency.type })
        .returning('id')
        .executeTakeFirstOrThrow();
      agencyIds.set(agency.key, row.id);
    }
    const userIds = new Map<string, string>();
    for (const user of DEMO_USERS) {
      const id = await createUser(trx, {
        partnershipId,
        email: user.email,
        displayName: user.name,
        jobTitle: user.jobTitle,
        agencyId: user.agency ? (agencyIds.get(user.agency) ?? null) : null,
        passwordHash,
        roles: [user.role],
        mfaExempt: true,
      });
      userIds.set(user.email, id);
    }
    await loadDemoAudits(trx, partnershipId, agencyIds, encryptionKey);
    await loadDemoLearning(
      trx,
      partnershipId,
      agencyIds,
      userIds,
      new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }),
      encryptionKey,
    );
    await loadDemoReturns(
      trx,
      partnershipId,
      agencyIds,
      userIds,
      new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }),
    );
    await loadDemoBriefings(trx, partnershipId, userIds.get('coordinator@demo.maca.test'));
    return { partnershipId };
  });
}
