import { CASE_DATA_ROLES, type Role } from './roles.ts';

/**
 * Who may do what: one small, pure module, deny by default. Routes declare an action; services
 * ask again with the resource in hand. Anything not listed here is refused.
 */
export type Principal = {
  id: string;
  partnershipId: string;
  agencyId: string | null;
  roles: readonly Role[];
  active: boolean;
};

export type Action =
  | 'public' // anyone, signed in or not
  | 'signed-in' // any signed-in person
  | 'account:manage' // their own account, two-factor and API tokens
  | 'admin:agencies'
  | 'admin:users'
  | 'admin:settings'
  | 'audit-log:read'
  | 'outbox:read'
  | 'api:use'
  // Audits (resource: the audit, with its invited agencies and status)
  | 'audit:read' // see an audit, its cases (pseudonymous) and its matrix
  | 'audit:manage' // plan it, select cases, invite agencies, move its lifecycle
  | 'audit:progress' // every agency's return statuses across the audit's cases
  | 'case:identity' // see or change a case's identifying details
  | 'involvement:record' // record an agency's involvement in a case (resource.agencyId)
  | 'audit:assign' // name an agency's audit lead and assign its auditors (resource.agencyId)
  | 'audit-theme:manage' // the managed list of audit themes
  | 'template:manage' // audit tool templates: create, new versions, import and export
  | 'exchange:manage' // export a whole audit as an exchange file, and import one
  // Returns (resource: the return's agency, audit status and return status)
  | 'return:read'
  | 'return:edit' // answer the audit tool, as the agency's auditor or lead
  | 'return:review' // sign off or send back, as the agency's audit lead
  | 'return:reopen' // reopen a submitted or signed-off return, as the coordinator
  | 'concern:raise' // raise an immediate safeguarding concern from a return
  | 'concern:resolve' // record a concern's outcome
  // The meeting and the action plan
  | 'meeting:record' // findings, themes, recommendations, actions (resource: the audit)
  | 'action:read' // see an action (resource.ownerId = its lead, agencyId = its agency)
  | 'action:update' // record progress and evidence: the action's own lead, or the coordinator
  | 'tracker:read' // every open action across audits
  | 'learning-theme:manage' // the partnership's taxonomy of learning themes
  // Practitioner briefings (resource: the audit) and their templates
  | 'briefing:read' // see an audit's briefings, drafts included
  | 'briefing:edit' // generate, edit, check, publish and unpublish briefings; words to check for
  | 'briefing-template:manage' // the partnership's briefing templates
  | 'report:read'; // the report to the subgroup (resource: the audit)

export type Resource = {
  partnershipId: string;
  /** The agency the action is for (involvement, assignment). */
  agencyId?: string | null;
  ownerId?: string;
  /** For audits: the agencies invited, and where the audit is in its lifecycle. */
  invitedAgencyIds?: readonly string[];
  auditStatus?: string;
  /** For returns: where the return is, and whether the audit shares returns before discussion. */
  returnStatus?: string;
  shareReturnsEarly?: boolean;
};

const SUBMITTED = ['submitted', 'signed_off'];
const DISCUSSION_OR_LATER = ['discussion', 'reporting', 'monitoring', 'closed'];
const REPORTED = ['reporting', 'monitoring', 'closed'];

type Rule = (user: Principal, resource: Resource | undefined) => boolean;

const hasRole =
  (...roles: Role[]): Rule =>
  (user) =>
    roles.some((role) => user.roles.includes(role));

/** Agency people see an audit only when their agency is invited to it. */
const invited = (user: Principal, resource: Resource | undefined) =>
  !resource?.invitedAgencyIds || (!!user.agencyId && resource.invitedAgencyIds.includes(user.agencyId));
const ownAgency = (user: Principal, resource: Resource | undefined) =>
  !!user.agencyId &&
  (resource?.agencyId === undefined || resource.agencyId === user.agencyId) &&
  invited(user, resource);
const hasAny = (user: Principal, ...roles: Role[]) => roles.some((role) => user.roles.includes(role));

const rules: Record<Exclude<Action, 'public'>, Rule> = {
  'signed-in': () => true,
  'account:manage': (user, resource) => !resource?.ownerId || resource.ownerId === user.id,
  'admin:agencies': hasRole('administrator'),
  'admin:users': hasRole('administrator'),
  'admin:settings': hasRole('administrator'),
  'audit-log:read': hasRole('administrator'),
  'outbox:read': hasRole('administrator'),
  'api:use': () => true,
  'audit:read': (user, resource) =>
    hasAny(user, 'coordinator', 'panel_member') || (hasAny(user, 'audit_lead', 'auditor') && invited(user, resource)),
  'audit:manage': hasRole('coordinator'),
  'audit:progress': hasRole('coordinator', 'panel_member'),
  // Auditors and leads see identifying details only while returns are open, and only for audits
  // their agency is invited to; the coordinator needs them to select and set up cases.
  'case:identity': (user, resource) =>
    hasAny(user, 'coordinator') ||
    (hasAny(user, 'audit_lead', 'auditor') &&
      invited(user, resource) &&
      (resource?.auditStatus === undefined || resource.auditStatus === 'returns_open')),
  'involvement:record': (user, resource) =>
    hasAny(user, 'coordinator') || (hasAny(user, 'audit_lead', 'auditor') && ownAgency(user, resource)),
  'audit:assign': (user, resource) =>
    hasAny(user, 'coordinator') || (hasAny(user, 'audit_lead') && ownAgency(user, resource)),
  'audit-theme:manage': hasRole('coordinator', 'administrator'),
  'template:manage': hasRole('coordinator', 'administrator'),
  'exchange:manage': hasRole('coordinator', 'administrator'),
  // An agency's drafts are its own; submitted returns go to the coordinator and panel; other
  // agencies see them from the discussion stage (or earlier when the audit says so).
  'return:read': (user, resource) => {
    const submitted = SUBMITTED.includes(resource?.returnStatus ?? '');
    if (hasAny(user, 'audit_lead', 'auditor') && ownAgency(user, resource)) return true;
    if (hasAny(user, 'coordinator', 'panel_member')) return submitted || resource?.returnStatus === undefined;
    const shared = DISCUSSION_OR_LATER.includes(resource?.auditStatus ?? '') || resource?.shareReturnsEarly === true;
    return hasAny(user, 'audit_lead', 'auditor') && invited(user, resource) && submitted && shared;
  },
  'return:edit': (user, resource) =>
    hasAny(user, 'audit_lead', 'auditor') && ownAgency(user, resource) && resource?.auditStatus !== 'closed',
  'return:review': (user, resource) => hasAny(user, 'audit_lead') && ownAgency(user, resource),
  'return:reopen': hasRole('coordinator'),
  'concern:raise': (user, resource) =>
    hasAny(user, 'coordinator') || (hasAny(user, 'audit_lead', 'auditor') && ownAgency(user, resource)),
  'concern:resolve': hasRole('coordinator'),
  'meeting:record': hasRole('coordinator', 'panel_member'),
  'action:read': (user, resource) =>
    hasAny(user, 'coordinator', 'panel_member') ||
    (resource?.ownerId === undefined
      ? hasAny(user, 'action_owner', 'audit_lead')
      : resource.ownerId === user.id ||
        (hasAny(user, 'audit_lead') && !!user.agencyId && resource.agencyId === user.agencyId)),
  'action:update': (user, resource) =>
    hasAny(user, 'coordinator') ||
    (resource?.ownerId === undefined ? hasAny(user, 'action_owner', 'audit_lead') : resource.ownerId === user.id),
  'tracker:read': hasRole('coordinator', 'panel_member'),
  'learning-theme:manage': hasRole('coordinator', 'administrator'),
  'briefing:read': hasRole('coordinator', 'panel_member'),
  'briefing:edit': hasRole('coordinator'),
  'briefing-template:manage': hasRole('coordinator', 'administrator'),
  // The report is anonymised and written for the subgroup: the coordinator and panel read it at any
  // stage; the audit leads of the agencies that took part read it once it goes to the subgroup.
  'report:read': (user, resource) =>
    hasAny(user, 'coordinator', 'panel_member') ||
    (hasAny(user, 'audit_lead') &&
      invited(user, resource) &&
      (resource?.auditStatus === undefined || REPORTED.includes(resource.auditStatus))),
};

export function can(user: Principal | undefined, action: Action, resource?: Resource): boolean {
  if (action === 'public') return true;
  if (!user || !user.active) return false;
  if (resource && resource.partnershipId !== user.partnershipId) return false;
  const rule = rules[action];
  return rule ? rule(user, resource) : false;
}

/** Policy: every role that can see case data signs in with a second factor. */
export function requiresSecondFactor(roles: readonly Role[]): boolean {
  return roles.some((role) => CASE_DATA_ROLES.includes(role));
}

export const ACTIONS = ['public', ...Object.keys(rules)] as Action[];
