import type { Principal } from "../access/can.ts";

/**
 * How one user appears to another in the directory and in permission lists.
 * E-mail addresses are personal data nobody needs to grant a role: only platform
 * administrators see them (the field is absent for everyone else).
 */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email?: string | null;
}

export function userView(viewer: Principal, user: { id: string; username: string; displayName: string; email: string | null }): UserView {
  const { id, username, displayName, email } = user;
  return viewer.isPlatformAdmin ? { id, username, displayName, email } : { id, username, displayName };
}
