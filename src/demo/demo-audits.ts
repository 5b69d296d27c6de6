import type { Db } from '../db/database.ts';
import type { AuditStatus, InvolvementStatus, LegalStatus, MilestoneKind } from '../db/schema.ts';
import type { CaseIdentity } from '../domain/case-identity.ts';
import { encrypt } from '../domain/encryption.ts';
import { ensureDefaultThemes, listThemes } from '../features/audits/theme-repository.ts';
import { ensureShippedTemplates } from '../features/templates/template-repository.ts';

/**
 * The five seed audits as they happened (themes, dates, cases, who was involved), and one audit
 * with returns open today so a newcomer can try the auditor's journey. Children are "Child A";
 * the identifying details are obviously fictional.
 */
type Involvement = Record<string, InvolvementStatus[]>;
type DemoAudit = {
  reference: string;
  title: string;
  theme: string;
  status: AuditStatus;
  scope: { from: string; to: string } | { months: number; reference: string };
  lines: string;
  methodology: string;
  milestones: [MilestoneKind, string, string | null][];
  cases: {
    children: { legal: LegalStatus; age?: number; band?: string; unborn?: string; cp?: string }[];
    reason: string;
  }[];
  involvement: Involvement;
  joint?: string[];
};

const I = 'involved' as const,
  N = 'not_known' as const,
  O = 'out_of_scope' as const,
  P = 'partly_in_scope' as const,
  D = 'declined' as const;

export const DEMO_AUDITS: DemoAudit[] = [
  {
    reference: 'LSCB-2018-DA',
    title: 'Leicester multi-agency audit: domestic abuse',
    theme: 'Domestic abuse',
    status: 'closed',
    scope: { from: '2017-06-01', to: '2017-11-30' },
    lines:
      'Compliance with the LLR multi-agency domestic abuse procedure; ' +
      'identification of and response to domestic abuse; learning to improve ' +
      'practice.',
    methodology:
      'Replicated the Leicestershire and Rutland SCB process. Seven cases ' +
      'selected by the LSCB office from a list provided by Children’s Social ' +
      'Care. Qualitative audit completed by 31 May 2018 and reported to PAAG.',
    milestones: [
      ['returns_deadline', 'Returns deadline', '2018-05-31'],
      ['report_to_subgroup', 'Report to PAAG', '2018-07-12'],
    ],
    cases: [
      {
        children: [
          { legal: 'child_in_need', age: 7 },
          { legal: 'child_in_need', age: 4 },
        ],
        reason: 'Repeat police notifications of domestic abuse',
      },
      {
        children: [{ legal: 'child_protection', age: 11, cp: 'emotional' }],
        reason: 'CP plan, emotional abuse, domestic abuse',
      },
      { children: [{ legal: 'early_help', age: 9 }], reason: 'Early help, mother disclosed abuse' },
      {
        children: [
          { legal: 'early_help', age: 13 },
          { legal: 'early_help', age: 6 },
        ],
        reason: 'Early help, child exploitation concerns',
      },
      { children: [{ legal: 'child_protection', age: 2, cp: 'neglect' }], reason: 'CP plan' },
      { children: [{ legal: 'child_in_need', age: 15 }], reason: 'CiN; GP record flagged as CP in error' },
      {
        children: [{ legal: 'child_protection', unborn: '2018-04', cp: 'emotional' }],
        reason: 'Unborn child; mother not registered with a GP in LLR',
      },
    ],
    involvement: {
      'social-care': [I, I, I, I, I, O, N],
      police: [I, I, O, I, O, I, O],
      gp: [I, I, I, I, I, O, N],
      health: [I, D, I, D, O, D, D],
      nps: [I, N, N, O, N, N, N],
      education: [N, I, N, N, N, N, N],
      uhl: [N, N, N, N, N, N, O],
    },
  },
  {
    reference: 'BSCB-2019-DA',
    title: 'Bexley: safeguarding children living with domestic abuse',
    theme: 'Domestic abuse',
    status: 'closed',
    scope: { months: 24, reference: '2019-03-31' },
    lines: 'How well agencies worked together to safeguard a child experiencing domestic abuse.',
    methodology:
      'A multi-agency review of one case, following a disclosure that triggered child protection arrangements.',
    milestones: [['discussion_meeting', 'Multi-agency review meeting', '2019-05-14']],
    cases: [
      {
        children: [{ legal: 'child_protection', age: 12, cp: 'emotional' }],
        reason: 'Disclosure of harm triggered CP arrangements',
      },
    ],
    involvement: { police: [I], 'social-care': [I], health: [I], gp: [I], education: [I] },
  },
  {
    reference: 'NSCB-2017-DV2',
    title: 'Northamptonshire MACA: domestic violence II',
    theme: 'Domestic abuse',
    status: 'monitoring',
    scope: { months: 12, reference: '2017-01-31' },
    lines: 'Vulnerable mothers living with abusive relationships; children at risk from breaches of orders.',
    methodology:
      'Quality Assurance Sub Group members nominated six cases, each with ' +
      'three to five children, to give a cross-section of needs and ' +
      'interventions.',
    milestones: [
      ['discussion_meeting', 'MACA meeting', '2017-03-02'],
      ['report_to_subgroup', 'Report to QA subgroup', '2017-04-20'],
    ],
    cases: Array.from({ length: 6 }, (_, i) => ({
      children: Array.from({ length: 3 + (i % 3) }, (_, j) => ({
        legal: i < 2 ? 'child_protection' : i < 4 ? 'child_in_need' : 'early_help',
        age: 2 + j * 3,
        cp: i < 2 ? 'emotional' : undefined,
      })),
      reason: 'Nominated by the QA subgroup',
    })),
    involvement: {
      police: [I, I, I, I, I, I],
      'social-care': [I, I, I, I, I, I],
      education: [I, I, I, I, I, I],
      'health-visiting': [I, I, N, I, I, I],
      'women-aid': [I, N, N, I, N, N],
      housing: [N, I, N, N, N, I],
      midwifery: [N, I, N, N, N, N],
      acute: [N, N, I, N, N, N],
      yos: [N, N, N, I, N, N],
      nps: [N, I, N, N, N, N],
    },
  },
  {
    reference: 'LLR-2019-FSA',
    title: 'Leicester LSCB multi-agency audit: familial sexual abuse',
    theme: 'Familial sexual abuse',
    status: 'closed',
    scope: { months: 6, reference: '2018-11-13' },
    joint: ['Leicestershire and Rutland Safeguarding Children Board'],
    lines:
      'Quality of practice, compliance with LLR procedures and threshold, ' +
      'and agencies’ identification of and response to familial sexual abuse.',
    methodology:
      'An LLR LSCB audit. Tool, scope, number of cases and timeline ' +
      'confirmed at an auditors’ meeting on 13.11.2018. Five Leicester cases ' +
      'identified by Children’s Social Care and Early Help. Thematic ' +
      'discussion on 09.01.2019; report to PAAG.',
    milestones: [
      ['auditors_briefing', 'LLR LSCB auditors’ meeting', '2018-11-13'],
      ['returns_deadline', 'Returns deadline', '2018-12-21'],
      ['discussion_meeting', 'Thematic discussion meeting', '2019-01-09'],
      ['report_to_subgroup', 'Report to PAAG', '2019-03-14'],
    ],
    cases: [
      { children: [{ legal: 'child_protection', age: 8, cp: 'sexual' }], reason: 'CP plan, sexual abuse' },
      {
        children: [
          { legal: 'child_protection', age: 14, cp: 'sexual' },
          { legal: 'child_protection', age: 5, cp: 'sexual' },
        ],
        reason: 'Young child omitted from the referral',
      },
      { children: [{ legal: 'child_in_need', age: 11 }], reason: 'CiN following disclosure' },
      { children: [{ legal: 'child_protection', age: 9, cp: 'multiple' }], reason: 'Repeat child protection plan' },
      { children: [{ legal: 'child_in_need', age: 16 }], reason: 'Not in education' },
    ],
    involvement: {
      police: [I, P, O, O, O],
      'social-care': [I, I, I, O, O],
      education: [I, I, I, I, N],
      gp: [I, I, I, I, N],
      uhl: [I, N, N, O, N],
      health: [I, I, I, N, N],
      uava: [I, I, N, N, N],
      nps: [I, N, N, N, N],
      sstop: [],
      cafcass: [],
      'turning-point': [N, N, N, N, N],
      dnlrc: [N, N, N, N, N],
      asc: [N, N, N, N, N],
    },
  },
  {
    reference: 'NYSCP-2023-DA',
    title: 'North Yorkshire learning themes audit: multi-agency response to domestic abuse',
    theme: 'Domestic abuse',
    status: 'monitoring',
    scope: { months: 6, reference: '2023-11-01' },
    lines:
      'Children open to early help, in need, on a CP plan, or identified as experiencing child-on-parent violence.',
    methodology:
      'Four cases of children engaged with services in the last six months. ' +
      'Report with recommendations to the Learning and Improvement Subgroup; ' +
      'actions monitored quarterly on the LIS action plan.',
    milestones: [['report_to_subgroup', 'Report to LIS', '2023-11-30']],
    cases: [
      { children: [{ legal: 'early_help', age: 10 }], reason: 'Open to early help' },
      { children: [{ legal: 'child_in_need', age: 7 }], reason: 'Child in need' },
      { children: [{ legal: 'child_protection', age: 4, cp: 'emotional' }], reason: 'CP plan' },
      { children: [{ legal: 'child_in_need', age: 16 }], reason: 'Child-on-parent violence' },
    ],
    involvement: {
      police: [I, I, I, I],
      'social-care': [I, I, I, I],
      education: [I, I, I, I],
      gp: [I, N, I, I],
      'mental-health': [N, N, N, I],
    },
  },
];

export async function loadDemoAudits(
  db: Db,
  partnershipId: string,
  agencyIds: Map<string, string>,
  encryptionKey: Buffer,
): Promise<void> {
  await ensureDefaultThemes(db, partnershipId);
  await ensureShippedTemplates(db, partnershipId);
  const themes = await listThemes(db, partnershipId);
  const general = await db
    .selectFrom('template_version as v')
    .innerJoin('tool_template as t', 't.id', 'v.template_id')
    .select('v.id')
    .where('t.partnership_id', '=', partnershipId)
    .where('t.shipped_key', '=', 'general')
    .executeTakeFirstOrThrow();
  for (const demo of DEMO_AUDITS) {
    const theme = themes.find((t) => t.label.toLowerCase() === demo.theme.toLowerCase());
    const scope =
      'months' in demo.scope
        ? { scope_kind: 'months' as const, scope_months: demo.scope.months, scope_reference_date: demo.scope.reference }
        : { scope_kind: 'dates' as const, scope_from: demo.scope.from, scope_to: demo.scope.to };
    const audit = await db
      .insertInto('audit')
      .values({
        partnership_id: partnershipId,
        reference: demo.reference,
        title: demo.title,
        theme_id: theme?.id ?? null,
        theme_text: theme ? null : demo.theme,
        lines_of_enquiry: demo.lines,
        methodology: demo.methodology,
        status: demo.status,
        joint_partnerships: demo.joint ?? [],
        ...scope,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('audit_tool').values({ audit_id: audit.id, template_version_id: general.id }).execute();
    for (const [position, [kind, label, due]] of demo.milestones.entries())
      await db
        .insertInto('audit_milestone')
        .values({
          audit_id: audit.id,
          kind,
          label,
          due_on: due,
          done_on: demo.status === 'closed' ? due : null,
          position,
        })
        .execute();
    const caseIds: string[] = [];
    for (const [i, c] of demo.cases.entries()) {
      const row = await db
        .insertInto('audit_case')
        .values({ audit_id: audit.id, reference: `Case ${i + 1}`, position: i + 1, selection_reason: c.reason })
        .returning('id')
        .executeTakeFirstOrThrow();
      caseIds.push(row.id);
      const childIds: string[] = [];
      for (const [j, child] of c.children.entries()) {
        const inserted = await db
          .insertInto('case_child')
          .values({
            case_id: row.id,
            pseudonym: `Child ${String.fromCharCode(65 + j)}`,
            position: j,
            age_years: child.age ?? null,
            unborn: !!child.unborn,
            expected_month: child.unborn ?? null,
            legal_status: child.legal,
            cp_category: child.cp ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        childIds.push(inserted.id);
      }
      // The shape the identifying-details pages read (src/domain/case-identity.ts): children by id.
      const identity: CaseIdentity = {
        children: childIds.map((childId, j) => ({
          childId,
          name: `Demo Child ${i + 1}${String.fromCharCode(65 + j)} Example`,
          dateOfBirth: null,
        })),
        adults: [],
        addresses: [`${i + 1} Fictional Row, Demotown, ZZ99 9ZZ`],
        records: [],
      };
      await db
        .insertInto('case_identity')
        .values({ case_id: row.id, encrypted: encrypt(encryptionKey, JSON.stringify(identity)) })
        .execute();
    }
    for (const [key, statuses] of Object.entries(demo.involvement)) {
      const agencyId = agencyIds.get(key);
      if (!agencyId) continue;
      await db.insertInto('audit_agency').values({ audit_id: audit.id, agency_id: agencyId }).execute();
      for (const [i, status] of statuses.entries()) {
        await db
          .insertInto('involvement')
          .values({
            case_id: caseIds[i]!,
            agency_id: agencyId,
            status,
            reason: status === I || status === N ? '' : 'As recorded in the audit',
          })
          .execute();
        if (status === I)
          await db
            .insertInto('agency_return')
            .values({
              case_id: caseIds[i]!,
              agency_id: agencyId,
              status: demo.status === 'closed' || demo.status === 'monitoring' ? 'signed_off' : 'submitted',
            })
            .execute();
      }
    }
  }
}
