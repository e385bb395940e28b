import { describe, expect, it } from 'vitest';

import { INSTALLATION_ID } from '../../testing/api-samples';
import { Me, canSearchUsers } from './me';
import { Role } from './role';

const NOBODY: Me = {
  id: '6f1c2a8e-0000-4000-8000-000000000099',
  username: 'nobody',
  displayName: 'No Body',
  email: null,
  isPlatformAdmin: false,
  installations: [],
  clients: [],
};

function withInstallationRole(role: Role): Me {
  return { ...NOBODY, installations: [{ id: INSTALLATION_ID, name: 'demo', role, expiresAt: null }] };
}

function withClientRole(role: Role): Me {
  return {
    ...NOBODY,
    clients: [
      {
        id: '6f1c2a8e-0000-4000-8000-000000000001',
        name: 'demo-client',
        installationId: INSTALLATION_ID,
        installationName: 'demo',
        role,
        via: 'client',
        expiresAt: null,
      },
    ],
  };
}

describe('canSearchUsers', () => {
  it('lets platform administrators, Owners of anything and installation Editors look up users', () => {
    expect(canSearchUsers({ ...NOBODY, isPlatformAdmin: true })).toBe(true);
    expect(canSearchUsers(withInstallationRole('Owner'))).toBe(true);
    expect(canSearchUsers(withInstallationRole('Edit'))).toBe(true);
    expect(canSearchUsers(withClientRole('Owner'))).toBe(true);
  });

  it('refuses client Editors, Support, viewers and users without grants', () => {
    expect(canSearchUsers(withClientRole('Edit'))).toBe(false);
    expect(canSearchUsers(withInstallationRole('Support'))).toBe(false);
    expect(canSearchUsers(withInstallationRole('View'))).toBe(false);
    expect(canSearchUsers(NOBODY)).toBe(false);
  });
});
