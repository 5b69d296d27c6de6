import type { ExchangeDocument } from '../../src/features/exchange/exchange-document.ts';
import { csrfTokenFor } from '../../src/web/csrf.ts';
import type { Browser, TestApp } from '../support/app.ts';

/** The coded-value tests' shared parts: every allowed code, written out by hand, and the upload page. */
export const TARGET_NAME = 'Codes Target';

export const CODES = {
  ageBands: ['under_1', '1_4', '5_9', '10_15', '16_17', '18_plus'],
  sexes: ['female', 'male', 'not_known'],
  ethnicities: [
    'asian_bangladeshi',
    'asian_chinese',
    'asian_indian',
    'asian_pakistani',
    'asian_other',
    'black_african',
    'black_caribbean',
    'black_other',
    'mixed_white_asian',
    'mixed_white_black_african',
    'mixed_white_black_caribbean',
    'mixed_other',
    'white_british',
    'white_irish',
    'white_gypsy_traveller',
    'white_roma',
    'white_other',
    'other_arab',
    'other_any',
    'not_known',
  ],
  legalStatuses: ['none', 'early_help', 'child_in_need', 'child_protection', 'looked_after'],
  cpCategories: ['neglect', 'physical', 'emotional', 'sexual', 'multiple'],
  criteria: ['early_help', 'child_in_need', 'child_protection', 'looked_after', 'unborn', 'child_on_parent_violence'],
  roles: ['mother', 'father', 'partner', 'step_parent', 'sibling', 'grandparent', 'other_adult'],
  agencyTypes: [
    'police',
    'social_care',
    'early_help',
    'gp_icb',
    'community_health',
    'acute_health',
    'mental_health',
    'health_visiting',
    'midwifery',
    'probation',
    'education',
    'da_service',
    'sarc',
    'housing',
    'youth_justice',
    'cafcass',
    'adult_social_care',
    'substance_misuse',
    'other',
  ],
};

/**
 * The exported file with every code used. The first case gets 25 children: child 1 unborn, the
 * others through the six bands in turn (4 each); legal status in turn (5 each, the 5 on a plan one
 * per category); sex and ethnicity in turn. It gets every criterion and role; the file gets an
 * agency of every type it lacks.
 */
export function everyCode(document: ExchangeDocument): ExchangeDocument {
  const kase = document.cases[0]!;
  kase.children = Array.from({ length: 25 }, (_, i) => {
    const legalStatus = CODES.legalStatuses[i % 5]!;
    return {
      key: `C1-K${i + 1}`,
      pseudonym: `Child ${i + 1}`,
      position: i + 1,
      ageYears: null,
      ageBand: i === 0 ? null : CODES.ageBands[(i - 1) % 6]!,
      unborn: i === 0,
      expectedMonth: i === 0 ? '2025-09' : null,
      sex: CODES.sexes[i % 3]!,
      ethnicity: CODES.ethnicities[i % 20]!,
      senDisability: null,
      legalStatus,
      cpCategory: legalStatus === 'child_protection' ? CODES.cpCategories[(i - 3) / 5]! : null,
    };
  });
  kase.criteria = [...CODES.criteria, 'other:Private fostering'];
  kase.household = CODES.roles.map((role, i) => ({
    key: `C1-M${i + 1}`,
    role,
    description: `Member ${i + 1}`,
    inHousehold: true,
    posesRisk: false,
    position: i + 1,
  }));
  const present = new Set(document.agencies.map((a) => a.type));
  for (const type of CODES.agencyTypes.filter((x) => !present.has(x)))
    document.agencies.push({
      key: `A${document.agencies.length + 1}`,
      name: `Codes agency of type ${type}`,
      type,
      invited: false,
      invitedAt: null,
      lead: null,
    });
  return document;
}

/** The exchange file uploaded on the import page, as a browser sends it. */
export async function importPage(t: TestApp, browser: Browser, content: string) {
  await browser.get('/exchange/import');
  const boundary = `----maca${Date.now()}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="audit.json"\r\n` +
    'Content-Type: application/json\r\n\r\n';
  const csrf = csrfTokenFor(t.config.sessionSecret, browser.cookies.get('maca_csrf')!);
  return t.app.inject({
    method: 'POST',
    url: `/exchange/import?_csrf=${encodeURIComponent(csrf)}`,
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
  });
}
