import type { User } from '../types.ts';

/** The <option>s of a select that chooses an account, after a first empty choice saying what to do. */
export function UserOptions({ users, empty }: { users: readonly Pick<User, 'id' | 'displayName'>[]; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {users.map((user) => (
        <option key={user.id} value={user.id}>
          {user.displayName}
        </option>
      ))}
    </>
  );
}
