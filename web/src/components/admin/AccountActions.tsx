import { type ReactNode, useState } from 'react';
import { type Account, resetAccountPassword, revokeAccountSessions, updateAccount } from '../../api.ts';
import { roleLabel } from '../../format.ts';
import type { Role } from '../../types.ts';
import { Fact } from '../Fact.tsx';
import { SuccessMessage } from '../SuccessMessage.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { RoleChoices } from './RoleChoices.tsx';

interface Props {
  account: Account;
  /** The administrator's own account: its roles are changed by another administrator. */
  own: boolean;
  /** After any change: the list is fetched again (the account's version moves on). */
  onChanged: () => void;
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** What an administrator does to one account, each after a confirmation; the server audits each. */
export function AccountActions({ account, own, onChanged }: Props) {
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [done, setDone] = useState<{ title: string; text: ReactNode } | null>(null);
  const who = `${account.displayName} (${account.username})`;
  const finish = (title: string, text: ReactNode) => {
    setDone({ title, text });
    onChanged();
  };
  const change = (body: { active?: boolean; unlock?: boolean; roles?: Role[] }) => () =>
    updateAccount(account.id, { version: account.version, ...body });

  return (
    <section className="account-actions" aria-labelledby="account-actions-heading">
      <h2 id="account-actions-heading" tabIndex={-1}>
        {who}
      </h2>
      <dl className="summary">
        <Fact term="Roles">{account.roles.map(roleLabel).join(', ')}</Fact>
        <Fact term="Status">{account.active ? 'Active' : 'Deactivated'}</Fact>
      </dl>
      {done ? <SuccessMessage title={done.title}>{done.text}</SuccessMessage> : null}

      <h3>Password and sessions</h3>
      <div className="account-actions__row">
        <ConfirmButton
          label="Reset password"
          question={`Reset the password of ${who}? Their sessions end, and they must choose a new password when they next sign in.`}
          confirm="Yes, reset the password"
          run={() => resetAccountPassword(account.id)}
          onDone={(result) =>
            finish(
              'Password reset',
              <>
                The one-time password for {result.username} is <code className="one-time-password">{result.oneTimePassword}</code>. Give it
                to them privately: it is shown only this once.
              </>,
            )
          }
        />
        <ConfirmButton
          label="Sign out everywhere"
          question={`End every session of ${who}? They must sign in again.`}
          confirm="Yes, end their sessions"
          run={() => revokeAccountSessions(account.id)}
          onDone={(result) => finish('Sessions ended', result.revoked === 1 ? '1 session ended.' : `${result.revoked} sessions ended.`)}
        />
        <ConfirmButton
          label="Unlock sign-in"
          question={`Clear the waits after failed sign-ins for ${who}?`}
          confirm="Yes, unlock"
          run={change({ unlock: true })}
          onDone={() => finish('Unlocked', `${account.username} can sign in again at once.`)}
        />
      </div>

      <h3>Access and roles</h3>
      <div className="account-actions__row">
        {account.active ? (
          <ConfirmButton
            label="Deactivate account"
            question={`Deactivate ${who}? They cannot sign in, and their sessions end.`}
            confirm="Yes, deactivate"
            run={change({ active: false })}
            onDone={() => finish('Deactivated', `${account.username} can no longer sign in.`)}
          />
        ) : (
          <ConfirmButton
            label="Reactivate account"
            question={`Reactivate ${who}? They can sign in again with their password.`}
            confirm="Yes, reactivate"
            run={change({ active: true })}
            onDone={() => finish('Reactivated', `${account.username} can sign in again.`)}
          />
        )}
      </div>
      {own ? (
        <p className="hint">Your own roles are changed by another administrator.</p>
      ) : (
        <div className="account-actions__roles">
          <RoleChoices id="account-roles" legend="Roles" value={roles} onChange={setRoles} />
          <ConfirmButton
            label="Change roles"
            question={`Give ${who} the roles: ${roles.map(roleLabel).join(', ') || 'none'}?`}
            confirm="Yes, change the roles"
            disabled={roles.length === 0 || sameRoles(roles, account.roles)}
            run={change({ roles })}
            onDone={(result) => finish('Roles changed', `${result.username} now holds: ${result.roles.map(roleLabel).join(', ')}.`)}
          />
        </div>
      )}
    </section>
  );
}
