import { asObject, readArray, readNullableString, readString } from '../../core/http/json-parse';

/** A portal user as the user picker and permission lists show them. */
export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  /** Only platform administrators are shown e-mail addresses; null for everyone else. */
  readonly email: string | null;
}

export function parseUserSummary(value: unknown, what: string): UserSummary {
  const user = asObject(value, what);
  return {
    id: readString(user, 'id', what),
    username: readString(user, 'username', what),
    displayName: readString(user, 'displayName', what),
    email: readNullableString(user, 'email', what),
  };
}

/** One page of `GET /api/users`. */
export interface UserPage {
  readonly items: readonly UserSummary[];
  /** Set when more users match than the page holds. */
  readonly nextCursor: string | null;
}

export function parseUserPage(body: unknown): UserPage {
  const what = 'users';
  const page = asObject(body, what);
  return { items: readArray(page, 'items', what, parseUserSummary), nextCursor: readNullableString(page, 'nextCursor', what) };
}

/** "Eddie Editor (editor)": what a picker shows for a chosen user. */
export function describeUser(user: UserSummary): string {
  return `${user.displayName} (${user.username})`;
}
