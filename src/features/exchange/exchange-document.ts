/**
 * The audit exchange file (`maca-audit-exchange`, schema version 1): one audit as one JSON
 * document, for joint audits and for moving an audit between systems. Records refer to each
 * other by keys that are stable within the file (agencies "A1", cases "C1", children "C1-K1",
 * household members "C1-M1", chronology entries "C1-E1", findings "F1"...), never by database ids.
 * The published JSON Schema is docs/exchange/audit-exchange-v1.schema.json; these types match it.
 */
export const EXCHANGE_FORMAT = 'maca-audit-exchange';
export const EXCHANGE_SCHEMA_VERSION = 1;

export type Person = { name: string; email: string | null };

export type ExchangeDocument = {
  format: typeof EXCHANGE_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  source: { system: string; partnership: string; auditId: string; auditReference: string };
  containsIdentities: boolean;
  audit: ExchangeAudit;
  agencies: ExchangeAgency[];
  templates: ExchangeTemplate[];
  learningThemes: { key: string; code: string; label: string; description: string }[];
  cases: ExchangeCase[];
  meeting: ExchangeMeeting | null;
  findings: ExchangeFinding[];
  recommendations: ExchangeRecommendation[];
  actions: ExchangeAction[];
  identities?: ExchangeIdentities;
};

export type ExchangeAudit = {
  reference: string;
  title: string;
  theme: string | null;
  linesOfEnquiry: string;
  scope: {
    kind: 'dates' | 'months';
    from: string | null;
    to: string | null;
    months: number | null;
    referenceDate: string | null;
  };
  methodology: string;
  status: 'planning' | 'returns_open' | 'discussion' | 'reporting' | 'monitoring' | 'closed';
  statusChangedAt: string;
  jointPartnerships: string[];
  settings: Record<string, unknown>;
  tools: string[];
  milestones: { kind: string; label: string; dueOn: string | null; doneOn: string | null }[];
  statusHistory: { from: string; to: string; reason: string | null; at: string }[];
};

export type ExchangeAgency = {
  key: string;
  name: string;
  type: string;
  invited: boolean;
  invitedAt: string | null;
  lead: Person | null;
};

export type ExchangeTemplate = {
  key: string;
  name: string;
  versionNumber: number;
  contentHash: string;
  content: Record<string, unknown>;
};

export type ExchangeCase = {
  key: string;
  reference: string;
  position: number;
  selectionReason: string;
  selectedBy: string;
  sourceAgency: string | null;
  criteria: string[];
  children: {
    key: string;
    pseudonym: string;
    position: number;
    ageYears: number | null;
    ageBand: string | null;
    unborn: boolean;
    expectedMonth: string | null;
    sex: string | null;
    ethnicity: string | null;
    senDisability: string | null;
    legalStatus: string;
    cpCategory: string | null;
  }[];
  household: {
    key: string;
    role: string;
    description: string;
    inHousehold: boolean;
    posesRisk: boolean;
    position: number;
  }[];
  involvement: { agency: string; status: string; reason: string; recordedAt: string }[];
  returns: ExchangeReturn[];
  chronology: ExchangeChronologyEntry[];
  discussionPoints: {
    key: string;
    pointKey: string;
    rule: string;
    question: string;
    entries: string[];
    status: string;
    reason: string;
    decidedAt: string | null;
  }[];
  immediateConcerns: {
    agency: string;
    child: string | null;
    whatFound: string;
    toldWhom: string;
    toldAt: string;
    outcome: string | null;
    outcomeRecordedAt: string | null;
  }[];
};

export type ExchangeReturn = {
  key: string;
  agency: string;
  status: string;
  auditor: Person | null;
  auditorName: string;
  auditorRole: string;
  overallGrade: string | null;
  overallRationale: string;
  leadComments: string;
  submittedAt: string | null;
  signedOffAt: string | null;
  sections: { template: string; sectionKey: string; status: string; workedWell: string; areasForDevelopment: string }[];
  answers: { template: string; questionKey: string; answer: string; evidence: string }[];
  singleAgencyActions: { key: string; action: string; owner: string; dueOn: string | null; position: number }[];
  events: { event: string; from: string; to: string; comment: string; at: string }[];
};

export type ExchangeChronologyEntry = {
  key: string;
  agency: string;
  dateFrom: string;
  dateTo: string;
  precision: 'day' | 'month';
  event: string;
  source: string;
  category: string;
  impact: 'positive' | 'negative' | 'neutral';
  actionTaken: string;
  significant: boolean;
};

export type ExchangeMeeting = {
  heldOn: string | null;
  notes: string;
  attendees: { name: string; agency: string | null; role: string; apologies: boolean }[];
};

export type ExchangeFinding = {
  key: string;
  kind: 'strength' | 'development';
  acrossCases: boolean;
  text: string;
  domain: string;
  discussionPoint: string | null;
  cases: string[];
  agencies: string[];
  themes: { theme: string; suggested: boolean; confirmed: boolean }[];
  createdAt: string;
};

export type ExchangeRecommendation = {
  key: string;
  text: string;
  addressedTo: 'partnership' | 'all_agencies' | 'agencies';
  assuranceRequest: boolean;
  /** Absent in files written before kinds were recorded; null when not stated. */
  kind?: 'assurance' | 'practice_change' | 'procedure' | 'training' | null;
  agencies: string[];
  findings: string[];
  createdAt: string;
};

export type ExchangeAction = {
  key: string;
  recommendation: string | null;
  singleAgencyAction: string | null;
  text: string;
  agency: string;
  lead: Person;
  startOn: string | null;
  dueOn: string;
  status: 'not_started' | 'on_track' | 'at_risk' | 'overdue' | 'complete';
  evidenceCompletion: string;
  evidenceImpact: string;
  reauditOn: string | null;
  updates: { on: string; text: string; status: string; at: string }[];
  createdAt: string;
};

/** Only with --with-identities, for someone who may see them: names, dates of birth, addresses, record numbers. */
export type ExchangeIdentities = {
  warning: string;
  cases: {
    case: string;
    children: { child: string; name: string; dateOfBirth: string | null }[];
    adults: { member: string; name: string }[];
    addresses: string[];
    records: { agency: string | null; label: string; value: string }[];
  }[];
};
