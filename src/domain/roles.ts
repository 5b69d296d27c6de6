/** The people in a partnership (see DOMAIN.md) and the words the product uses for them. */
export const ROLES = [
  'administrator',
  'coordinator',
  'audit_lead',
  'auditor',
  'panel_member',
  'action_owner',
  'practitioner',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Partnership administrator',
  coordinator: 'Audit coordinator',
  audit_lead: 'Agency audit lead',
  auditor: 'Agency auditor',
  panel_member: 'Panel member',
  action_owner: 'Action owner',
  practitioner: 'Practitioner',
};

/** Roles that act for one agency and so need the person to belong to one. */
export const AGENCY_ROLES: readonly Role[] = ['audit_lead', 'auditor', 'action_owner'];

/** Roles that can see case data; policy requires a second factor for them. */
export const CASE_DATA_ROLES: readonly Role[] = [
  'administrator',
  'coordinator',
  'audit_lead',
  'auditor',
  'panel_member',
];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const AGENCY_TYPES = {
  police: 'Police',
  social_care: "Children's social care",
  early_help: 'Early help',
  gp_icb: 'GPs and integrated care board (ICB / CCG)',
  community_health: 'Community health trust',
  acute_health: 'Acute hospital trust',
  mental_health: 'Mental health trust',
  health_visiting: 'Health visiting and school nursing',
  midwifery: 'Midwifery',
  probation: 'Probation',
  education: 'Schools and education settings',
  da_service: 'Domestic abuse service',
  sarc: 'Sexual assault referral centre',
  housing: 'Housing',
  youth_justice: 'Youth justice service',
  cafcass: 'CAFCASS',
  adult_social_care: 'Adult social care',
  substance_misuse: 'Substance misuse service',
  other: 'Other',
} as const;
export type AgencyType = keyof typeof AGENCY_TYPES;

export function isAgencyType(value: string): value is AgencyType {
  return Object.hasOwn(AGENCY_TYPES, value);
}
