import { asObject, readArray, readNullableString, readString } from '../../core/http/json-parse';

/** A portal user as the user picker and permission lists show them. */
export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
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

export function parseUserList(body: unknown): readonly UserSummary[] {
  const what = 'users';
  return readArray(asObject(body, what), 'items', what, parseUserSummary);
}

/** "Eddie Editor (editor)": what a picker shows for a chosen user. */
export function describeUser(user: UserSummary): string {
  return `${user.displayName} (${user.username})`;
}
