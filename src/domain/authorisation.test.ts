import { describe, expect, it } from 'vitest';
import { ACTIONS, can, requiresSecondFactor, type Principal } from './authorisation.ts';
import { ROLES, type Role } from './roles.ts';

const person = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({
  id: 'u1',
  partnershipId: 'p1',
  agencyId: null,
  roles,
  active: true,
  ...extra,
});

describe('can', () => {
  it('lets anyone use public routes, signed in or not', () => {
    expect(can(undefined, 'public')).toBe(true);
    expect(can(person([]), 'public')).toBe(true);
  });

  it('denies everything but public to someone not signed in', () => {
    for (const action of ACTIONS.filter((a) => a !== 'public')) expect(can(undefined, action)).toBe(false);
  });

  it('denies everything but public to a deactivated person, whatever their roles', () => {
    const inactive = person([...ROLES], { active: false });
    for (const action of ACTIONS.filter((a) => a !== 'public')) expect(can(inactive, action)).toBe(false);
  });

  it('gives administration only to administrators', () => {
    for (const role of ROLES) {
      const allowed = role === 'administrator';
      expect(can(person([role]), 'admin:users')).toBe(allowed);
      expect(can(person([role]), 'admin:agencies')).toBe(allowed);
      expect(can(person([role]), 'audit-log:read')).toBe(allowed);
      expect(can(person([role]), 'outbox:read')).toBe(allowed);
    }
  });

  it('refuses any resource of another partnership, even to an administrator', () => {
    expect(can(person(['administrator']), 'admin:users', { partnershipId: 'p2' })).toBe(false);
    expect(can(person(['administrator']), 'admin:users', { partnershipId: 'p1' })).toBe(true);
  });

  it('lets a person manage only their own account', () => {
    expect(can(person(['practitioner']), 'account:manage', { partnershipId: 'p1', ownerId: 'u1' })).toBe(true);
    expect(can(person(['administrator']), 'account:manage', { partnershipId: 'p1', ownerId: 'u2' })).toBe(false);
  });

  it('denies an action it does not know', () => {
    expect(can(person([...ROLES]), 'no-such-action' as never)).toBe(false);
  });
});

describe('requiresSecondFactor', () => {
  it('requires it for every role that can see case data', () => {
    for (const role of ['administrator', 'coordinator', 'audit_lead', 'auditor', 'panel_member'] as Role[]) {
      expect(requiresSecondFactor([role])).toBe(true);
    }
  });

  it('does not require it for practitioners and action owners alone', () => {
    expect(requiresSecondFactor(['practitioner'])).toBe(false);
    expect(requiresSecondFactor(['action_owner'])).toBe(false);
    expect(requiresSecondFactor(['practitioner', 'auditor'])).toBe(true);
  });
});

describe('who sees a return', () => {
  const agency = 'police';
  const base = { partnershipId: 'p1', agencyId: agency, invitedAgencyIds: ['police', 'health'] };
  const policeAuditor = person(['auditor'], { agencyId: 'police' });
  const healthAuditor = person(['auditor'], { agencyId: 'health' });
  const notInvited = person(['auditor'], { agencyId: 'housing' });

  it('shows a draft only to its own agency', () => {
    const draft = { ...base, returnStatus: 'in_progress', auditStatus: 'returns_open' };
    expect(can(policeAuditor, 'return:read', draft)).toBe(true);
    expect(can(healthAuditor, 'return:read', draft)).toBe(false);
    expect(can(person(['coordinator']), 'return:read', draft)).toBe(false);
    expect(can(person(['panel_member']), 'return:read', draft)).toBe(false);
  });

  it('shows a submitted return to the coordinator and panel, and to other agencies from discussion', () => {
    const submitted = { ...base, returnStatus: 'submitted', auditStatus: 'returns_open' };
    expect(can(person(['coordinator']), 'return:read', submitted)).toBe(true);
    expect(can(person(['panel_member']), 'return:read', submitted)).toBe(true);
    expect(can(healthAuditor, 'return:read', submitted)).toBe(false);
    expect(can(healthAuditor, 'return:read', { ...submitted, auditStatus: 'discussion' })).toBe(true);
    expect(can(healthAuditor, 'return:read', { ...submitted, shareReturnsEarly: true })).toBe(true);
    expect(can(notInvited, 'return:read', { ...submitted, auditStatus: 'discussion' })).toBe(false);
  });

  it('lets only the agency edit and its lead review; only the coordinator reopens', () => {
    const r = { ...base, returnStatus: 'submitted', auditStatus: 'returns_open' };
    expect(can(policeAuditor, 'return:edit', r)).toBe(true);
    expect(can(healthAuditor, 'return:edit', r)).toBe(false);
    expect(can(policeAuditor, 'return:review', r)).toBe(false);
    expect(can(person(['audit_lead'], { agencyId: 'police' }), 'return:review', r)).toBe(true);
    expect(can(person(['audit_lead'], { agencyId: 'police' }), 'return:reopen', r)).toBe(false);
    expect(can(person(['coordinator']), 'return:reopen', r)).toBe(true);
  });
});

describe('the action plan', () => {
  const action = { partnershipId: 'p1', ownerId: 'lead-1', agencyId: 'social-care' };
  it('lets only the action’s own lead, or the coordinator, update it', () => {
    expect(can(person(['action_owner'], { id: 'lead-1' }), 'action:update', action)).toBe(true);
    expect(can(person(['action_owner'], { id: 'lead-2' }), 'action:update', action)).toBe(false);
    expect(can(person(['coordinator']), 'action:update', action)).toBe(true);
    expect(can(person(['panel_member']), 'action:update', action)).toBe(false);
  });

  it('shows an action to the panel, its lead, and its agency’s audit lead', () => {
    expect(can(person(['panel_member']), 'action:read', action)).toBe(true);
    expect(can(person(['action_owner'], { id: 'lead-1' }), 'action:read', action)).toBe(true);
    expect(can(person(['audit_lead'], { agencyId: 'social-care' }), 'action:read', action)).toBe(true);
    expect(can(person(['audit_lead'], { agencyId: 'police' }), 'action:read', action)).toBe(false);
    expect(can(person(['practitioner']), 'action:read', action)).toBe(false);
  });

  it('lets the coordinator and panel record findings, and no one else', () => {
    for (const role of ROLES)
      expect(can(person([role]), 'meeting:record'), role).toBe(role === 'coordinator' || role === 'panel_member');
  });
});
