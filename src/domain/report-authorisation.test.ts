import { describe, expect, it } from 'vitest';
import { can, type Principal } from './authorisation.ts';
import { ROLES, type Role } from './roles.ts';

const person = (roles: Role[], agencyId: string | null = null): Principal => ({
  id: 'u1',
  partnershipId: 'p1',
  agencyId,
  roles,
  active: true,
});
const audit = (auditStatus: string) => ({ partnershipId: 'p1', invitedAgencyIds: ['police'], auditStatus });

describe('who reads the report to the subgroup', () => {
  it(
    'lets the coordinator and panel read it at any stage, and no ' +
      'administrator, auditor, action owner or practitioner',
    () => {
      for (const role of ROLES) {
        const expected = role === 'coordinator' || role === 'panel_member';
        expect(can(person([role], 'police'), 'report:read', audit('discussion')), role).toBe(expected);
      }
    },
  );

  it(
    'lets an invited agency’s audit lead read it once it goes to the ' +
      'subgroup, not before, and not another agency’s',
    () => {
      expect(can(person(['audit_lead'], 'police'), 'report:read', audit('discussion'))).toBe(false);
      for (const status of ['reporting', 'monitoring', 'closed'])
        expect(can(person(['audit_lead'], 'police'), 'report:read', audit(status)), status).toBe(true);
      expect(can(person(['audit_lead'], 'health'), 'report:read', audit('reporting'))).toBe(false);
      expect(can({ ...person(['coordinator']), partnershipId: 'p2' }, 'report:read', audit('reporting'))).toBe(false);
    },
  );
});
