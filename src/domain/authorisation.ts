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
  | 'api:use';

export type Resource = { partnershipId: string; agencyId?: string | null; ownerId?: string };

type Rule = (user: Principal, resource: Resource | undefined) => boolean;

const hasRole =
  (...roles: Role[]): Rule =>
  (user) =>
    roles.some((role) => user.roles.includes(role));

const rules: Record<Exclude<Action, 'public'>, Rule> = {
  'signed-in': () => true,
  'account:manage': (user, resource) => !resource?.ownerId || resource.ownerId === user.id,
  'admin:agencies': hasRole('administrator'),
  'admin:users': hasRole('administrator'),
  'admin:settings': hasRole('administrator'),
  'audit-log:read': hasRole('administrator'),
  'outbox:read': hasRole('administrator'),
  'api:use': () => true,
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
