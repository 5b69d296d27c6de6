// Writes the published exchange schema:
//   npx tsx scripts/generate-exchange-schema.mjs > docs/exchange/audit-exchange-v1.schema.json
// The JSON file is what is published and read; this is only the easier-to-edit source of it. The coded
// values (age band, sex, ethnicity, legal status, criteria, roles, agency type) come from the lists the
// service itself uses, so the schema cannot allow a code the pages and the report do not know.
import { codedValueDefs } from '../src/features/exchange/exchange-codes.ts';

const S = (properties, extra = {}) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
  ...extra,
});
const str = (max = 20000) => ({ type: 'string', maxLength: max });
const nstr = (max = 20000) => ({ type: ['string', 'null'], maxLength: max });
const ref = (n) => ({ $ref: `#/$defs/${n}` });
const nref = (n) => ({ oneOf: [{ type: 'null' }, ref(n)] });
const arr = (items, max) => ({ type: 'array', items, ...(max ? { maxItems: max } : {}) });
const bool = { type: 'boolean' };
// A property files written by an earlier release of the same version may lack.
const optional = (object, ...names) => ({ ...object, required: object.required.filter((n) => !names.includes(n)) });
const int = (min = 0, max = 100000) => ({ type: 'integer', minimum: min, maximum: max });
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://maca.example/schemas/audit-exchange-v1.schema.json',
  title: 'MACA audit exchange file, schema version 1',
  description:
    'One multi-agency case audit as one JSON document, for joint audits and for moving an audit between systems. Records refer to each other by keys that are stable within the file, never by database ids. Identifying details (names, dates of birth, addresses, record numbers) appear only in the optional `identities` block.',
  type: 'object',
  additionalProperties: false,
  required: [
    'format',
    'schemaVersion',
    'exportedAt',
    'source',
    'containsIdentities',
    'audit',
    'agencies',
    'templates',
    'learningThemes',
    'cases',
    'meeting',
    'findings',
    'recommendations',
    'actions',
  ],
  properties: {
    format: { const: 'maca-audit-exchange', description: 'Always "maca-audit-exchange".' },
    schemaVersion: {
      type: 'integer',
      minimum: 1,
      description: 'The schema version the file follows: 1. A reader refuses a version newer than it knows.',
    },
    exportedAt: { type: 'string', format: 'date-time' },
    source: S({
      system: str(100),
      partnership: str(300),
      auditId: {
        type: 'string',
        format: 'uuid',
        description: 'The audit id in the exporting system: with exportedAt, how a repeated import is recognised.',
      },
      auditReference: str(100),
    }),
    containsIdentities: {
      type: 'boolean',
      description: 'True when the file holds the identities block: handle it as personal data.',
    },
    audit: ref('audit'),
    agencies: arr(ref('agency'), 500),
    templates: arr(ref('template'), 20),
    learningThemes: arr(S({ key: ref('key'), code: str(50), label: str(200), description: str(4000) }), 500),
    cases: arr(ref('case'), 500),
    meeting: nref('meeting'),
    findings: arr(ref('finding'), 5000),
    recommendations: arr(ref('recommendation'), 2000),
    actions: arr(ref('action'), 5000),
    identities: ref('identities'),
  },
  if: { properties: { containsIdentities: { const: true } } },
  then: { required: ['identities'], properties: { identities: true } },
  else: { not: { required: ['identities'], properties: { identities: true } } },
  $defs: {
    ...codedValueDefs(),
    key: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$',
      description: 'A key, unique within the file for its kind of record.',
    },
    date: { type: 'string', format: 'date' },
    nullableDate: { type: ['string', 'null'], format: 'date' },
    dateTime: { type: 'string', format: 'date-time' },
    nullableDateTime: { type: ['string', 'null'], format: 'date-time' },
    person: S(
      { name: str(200), email: { type: ['string', 'null'], maxLength: 320 } },
      {
        description:
          'A person, by name and e-mail only; mapped by e-mail to a person of the importing partnership where there is one.',
      },
    ),
    audit: S({
      reference: { type: 'string', minLength: 1, maxLength: 100 },
      title: { type: 'string', minLength: 1, maxLength: 300 },
      theme: nstr(300),
      linesOfEnquiry: str(),
      scope: S({
        kind: { enum: ['dates', 'months'] },
        from: ref('nullableDate'),
        to: ref('nullableDate'),
        months: { type: ['integer', 'null'], minimum: 1, maximum: 120 },
        referenceDate: ref('nullableDate'),
      }),
      methodology: str(),
      status: { enum: ['planning', 'returns_open', 'discussion', 'reporting', 'monitoring', 'closed'] },
      statusChangedAt: ref('dateTime'),
      jointPartnerships: arr(str(300), 50),
      settings: { type: 'object', description: "The audit's own settings (such as shareReturnsEarly)." },
      tools: arr(ref('key'), 20),
      milestones: arr(
        S({
          kind: {
            enum: ['auditors_briefing', 'returns_deadline', 'discussion_meeting', 'report_to_subgroup', 'other'],
          },
          label: str(300),
          dueOn: ref('nullableDate'),
          doneOn: ref('nullableDate'),
        }),
        100,
      ),
      statusHistory: arr(
        S({ from: { type: 'string' }, to: { type: 'string' }, reason: nstr(), at: ref('dateTime') }),
        200,
      ),
    }),
    agency: S({
      key: ref('key'),
      name: { type: 'string', minLength: 1, maxLength: 300 },
      type: ref('agencyType'),
      invited: bool,
      invitedAt: ref('nullableDateTime'),
      lead: nref('person'),
    }),
    template: S({
      key: ref('key'),
      name: str(200),
      versionNumber: int(1),
      contentHash: {
        type: 'string',
        pattern: '^[0-9a-f]{64}$',
        description:
          'SHA-256 of the content with its object keys sorted: how an importing system recognises a template version it already holds.',
      },
      content: {
        type: 'object',
        required: ['format', 'name', 'scales', 'sections'],
        description: 'The frozen template version (maca-audit-tool/1): scales, and sections holding questions.',
        properties: {
          format: { const: 'maca-audit-tool/1' },
          name: str(200),
          scales: arr({
            type: 'object',
            required: ['key', 'label', 'values'],
            properties: {
              key: { type: 'string' },
              label: { type: 'string' },
              values: arr({
                type: 'object',
                required: ['value', 'label', 'rank'],
                properties: {
                  value: { type: 'string' },
                  label: { type: 'string' },
                  rank: { type: ['integer', 'null'] },
                },
              }),
            },
          }),
          sections: arr({
            type: 'object',
            required: ['key', 'title', 'questions'],
            properties: {
              key: { type: 'string' },
              title: { type: 'string' },
              questions: arr({
                type: 'object',
                required: ['key', 'text', 'type'],
                properties: { key: { type: 'string' }, text: { type: 'string' }, type: { type: 'string' } },
              }),
            },
          }),
        },
      },
    }),
    child: S({
      key: ref('key'),
      pseudonym: { type: 'string', minLength: 1, maxLength: 100 },
      position: int(),
      ageYears: { type: ['integer', 'null'], minimum: 0, maximum: 25 },
      ageBand: ref('ageBand'),
      unborn: bool,
      expectedMonth: { type: ['string', 'null'], pattern: '^[0-9]{4}-[0-9]{2}$' },
      sex: ref('sex'),
      ethnicity: ref('ethnicity'),
      senDisability: nstr(200),
      legalStatus: ref('legalStatus'),
      cpCategory: ref('cpCategory'),
    }),
    case: S({
      key: ref('key'),
      reference: { type: 'string', minLength: 1, maxLength: 100 },
      position: int(),
      selectionReason: str(),
      selectedBy: str(300),
      sourceAgency: { oneOf: [{ type: 'null' }, ref('key')] },
      criteria: arr(ref('selectionCriterion'), 100),
      children: arr(ref('child'), 50),
      household: arr(
        S({
          key: ref('key'),
          role: ref('householdRole'),
          description: str(2000),
          inHousehold: bool,
          posesRisk: bool,
          position: int(),
        }),
        50,
      ),
      involvement: arr(
        S({
          agency: ref('key'),
          status: { enum: ['involved', 'not_known', 'out_of_scope', 'partly_in_scope', 'declined'] },
          reason: str(),
          recordedAt: ref('dateTime'),
        }),
        500,
      ),
      returns: arr(ref('return'), 500),
      chronology: arr(ref('chronologyEntry'), 200000),
      discussionPoints: arr(
        S({
          key: ref('key'),
          pointKey: str(300),
          rule: str(100),
          question: str(),
          entries: arr(ref('key')),
          status: { enum: ['open', 'dismissed', 'carried'] },
          reason: str(),
          decidedAt: ref('nullableDateTime'),
        }),
        5000,
      ),
      immediateConcerns: arr(
        S({
          agency: ref('key'),
          child: { oneOf: [{ type: 'null' }, ref('key')] },
          whatFound: { type: 'string', minLength: 1, maxLength: 20000 },
          toldWhom: str(1000),
          toldAt: ref('dateTime'),
          outcome: nstr(),
          outcomeRecordedAt: ref('nullableDateTime'),
        }),
        500,
      ),
    }),
    return: S({
      key: ref('key'),
      agency: ref('key'),
      status: { enum: ['not_started', 'in_progress', 'submitted', 'returned', 'signed_off'] },
      auditor: nref('person'),
      auditorName: str(200),
      auditorRole: str(200),
      overallGrade: nstr(60),
      overallRationale: str(),
      leadComments: str(),
      submittedAt: ref('nullableDateTime'),
      signedOffAt: ref('nullableDateTime'),
      sections: arr(
        S({
          template: ref('key'),
          sectionKey: str(64),
          status: { enum: ['in_progress', 'completed'] },
          workedWell: str(),
          areasForDevelopment: str(),
        }),
      ),
      answers: arr(S({ template: ref('key'), questionKey: str(64), answer: str(), evidence: str() })),
      singleAgencyActions: arr(
        S({
          key: ref('key'),
          action: { type: 'string', minLength: 1, maxLength: 4000 },
          owner: str(300),
          dueOn: ref('nullableDate'),
          position: int(),
        }),
      ),
      events: arr(S({ event: str(100), from: str(50), to: str(50), comment: str(), at: ref('dateTime') })),
    }),
    chronologyEntry: S({
      key: ref('key'),
      agency: ref('key'),
      dateFrom: ref('date'),
      dateTo: ref('date'),
      precision: { enum: ['day', 'month'] },
      event: { type: 'string', minLength: 1, maxLength: 20000 },
      source: str(1000),
      category: {
        enum: [
          'incident',
          'disclosure',
          'referral',
          'strategy_discussion',
          'cp_conference',
          'core_group',
          'marac',
          'missed_appointment',
          'school_absence',
          'new_adult',
          'legal_status_change',
          'case_opened',
          'case_closed',
          'other',
        ],
      },
      impact: { enum: ['positive', 'negative', 'neutral'] },
      actionTaken: str(),
      significant: bool,
    }),
    meeting: S({
      heldOn: ref('nullableDate'),
      notes: str(100000),
      attendees: arr(
        S({ name: str(200), agency: { oneOf: [{ type: 'null' }, ref('key')] }, role: str(200), apologies: bool }),
        500,
      ),
    }),
    finding: S({
      key: ref('key'),
      kind: { enum: ['strength', 'development'] },
      acrossCases: {
        type: 'boolean',
        description: 'True for a cross-case issue: a finding about the audit as a whole.',
      },
      text: { type: 'string', minLength: 1, maxLength: 20000 },
      domain: str(300),
      discussionPoint: { oneOf: [{ type: 'null' }, ref('key')] },
      cases: arr(ref('key')),
      agencies: arr(ref('key')),
      themes: arr(S({ theme: ref('key'), suggested: bool, confirmed: bool })),
      createdAt: ref('dateTime'),
    }),
    recommendation: optional(
      S({
        key: ref('key'),
        text: { type: 'string', minLength: 1, maxLength: 20000 },
        addressedTo: { enum: ['partnership', 'all_agencies', 'agencies'] },
        assuranceRequest: bool,
        kind: {
          description:
            'What kind of change the recommendation asks for; null when not stated. Optional: a file written before kinds were recorded has none, and is read as "assurance" when assuranceRequest is true.',
          enum: ['assurance', 'practice_change', 'procedure', 'training', null],
        },
        agencies: arr(ref('key')),
        findings: arr(ref('key')),
        createdAt: ref('dateTime'),
      }),
      'kind',
    ),
    action: S({
      key: ref('key'),
      recommendation: { oneOf: [{ type: 'null' }, ref('key')] },
      singleAgencyAction: { oneOf: [{ type: 'null' }, ref('key')] },
      text: { type: 'string', minLength: 1, maxLength: 20000 },
      agency: ref('key'),
      lead: ref('person'),
      startOn: ref('nullableDate'),
      dueOn: ref('date'),
      status: { enum: ['not_started', 'on_track', 'at_risk', 'overdue', 'complete'] },
      evidenceCompletion: str(),
      evidenceImpact: str(),
      reauditOn: ref('nullableDate'),
      updates: arr(S({ on: ref('date'), text: str(), status: str(50), at: ref('dateTime') }), 1000),
      createdAt: ref('dateTime'),
    }),
    identities: S(
      {
        warning: str(1000),
        cases: arr(
          S({
            case: ref('key'),
            children: arr(S({ child: ref('key'), name: str(200), dateOfBirth: ref('nullableDate') })),
            adults: arr(S({ member: ref('key'), name: str(200) })),
            addresses: arr(str(500)),
            records: arr(S({ agency: { oneOf: [{ type: 'null' }, ref('key')] }, label: str(100), value: str(100) })),
          }),
        ),
      },
      {
        description:
          'IDENTIFYING DETAILS: present only when the exporter asked for them and was allowed to see them. Personal data: store and send the file accordingly.',
      },
    ),
  },
};
// Lengths are generous on purpose: the schema guards the shape, and an export must never fail on
// text the service itself accepted. Short fields get at least 2,000 characters, long ones 1,000,000.
(function relax(node) {
  if (Array.isArray(node)) return node.forEach(relax);
  if (!node || typeof node !== 'object') return;
  if (typeof node.maxLength === 'number')
    node.maxLength = node.maxLength >= 20000 ? 1000000 : Math.max(node.maxLength, 2000);
  Object.values(node).forEach(relax);
})(schema);
process.stdout.write(JSON.stringify(schema, null, 2) + '\n');
