import type { Db } from '../../src/db/database.ts';
import type { AgencyType, Role } from '../../src/domain/roles.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { createUser } from '../../src/features/auth/user-repository.ts';

/** Test data builders: each test says what it needs, nothing is shared between tests. */
export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export function aPartnership(name = `Partnership ${unique()}`) {
  return {
    async create(db: Db): Promise<string> {
      const row = await db.insertInto('partnership').values({ name }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
  };
}

export function anAgency(partnershipId: string) {
  const state = { name: `Agency ${unique()}`, type: 'police' as AgencyType, active: true };
  const builder = {
    named(name: string) {
      state.name = name;
      return builder;
    },
    ofType(type: AgencyType) {
      state.type = type;
      return builder;
    },
    inactive() {
      state.active = false;
      return builder;
    },
    async create(db: Db): Promise<string> {
      const row = await db
        .insertInto('agency')
        .values({ partnership_id: partnershipId, name: state.name, type: state.type, active: state.active })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
  return builder;
}

export function aUser(partnershipId: string) {
  const state: {
    email: string;
    name: string;
    roles: Role[];
    agencyId: string | null;
    mfaExempt: boolean;
    active: boolean;
    password: boolean;
  } = {
    email: `person-${unique()}@example.org`,
    name: 'Test Person',
    roles: [],
    agencyId: null,
    mfaExempt: false,
    active: true,
    password: true,
  };
  const builder = {
    withEmail(email: string) {
      state.email = email;
      return builder;
    },
    named(name: string) {
      state.name = name;
      return builder;
    },
    withRole(...roles: Role[]) {
      state.roles.push(...roles);
      return builder;
    },
    inAgency(agencyId: string) {
      state.agencyId = agencyId;
      return builder;
    },
    exemptFromSecondFactor() {
      state.mfaExempt = true;
      return builder;
    },
    withoutPassword() {
      state.password = false;
      return builder;
    },
    inactive() {
      state.active = false;
      return builder;
    },
    async create(db: Db): Promise<{ id: string; email: string; password: string }> {
      const id = await createUser(db, {
        partnershipId,
        email: state.email,
        displayName: state.name,
        agencyId: state.agencyId,
        passwordHash: state.password ? await passwordHash() : null,
        roles: state.roles,
        mfaExempt: state.mfaExempt,
      });
      if (!state.active) await db.updateTable('app_user').set({ active: false }).where('id', '=', id).execute();
      return { id, email: state.email, password: TEST_PASSWORD };
    },
  };
  return builder;
}
