import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { passwordProblem } from '../../../src/app/account-rules.ts';
import { changePassword, type Session } from '../api.ts';
import { TextField } from '../components/Field.tsx';
import { ApiForm, FormActions } from '../forms/ApiForm.tsx';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import { SESSION_KEY, useSession } from '../session.ts';

/**
 * The form's checks: every field filled, the new password following the server's own rules
 * (src/app/account-rules.ts: length, not the username, not a common password) and typed the same
 * twice, all named at once. The server checks the rules again, and the current password.
 */
const schemaFor = (username: string, forced: boolean) =>
  z
    .object({
      current: z.string().min(1, forced ? 'Enter the one-time password' : 'Enter your current password'),
      next: z.string().min(1, 'Enter a new password'),
      repeat: z.string().min(1, 'Enter the new password again'),
    })
    .superRefine(({ next, repeat }, context) => {
      const problem = next ? passwordProblem(next, username) : null;
      if (problem) context.addIssue({ code: 'custom', path: ['next'], message: problem });
      if (repeat && next !== repeat)
        context.addIssue({ code: 'custom', path: ['repeat'], message: 'The two new passwords are not the same' });
    });

/**
 * Change your own password; also the forced change after an administrator's reset (the shell
 * sends a user with a one-time password here, and nowhere else, until it is changed).
 */
export function ChangePasswordPage() {
  usePageTitle('Change your password');
  const { data: user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const forced = !!user?.mustChangePassword;
  const schema = useMemo(() => schemaFor(user?.username ?? '', forced), [user?.username, forced]);
  const api = useApiForm({
    id: 'password',
    schema,
    defaultValues: { current: '', next: '', repeat: '' },
    aliases: { currentPassword: 'current', newPassword: 'next' },
    submit: ({ current, next }) => changePassword(current, next),
    onSuccess: () => {
      queryClient.setQueryData<Session | null>(SESSION_KEY, (s) => (s ? { ...s, user: { ...s.user, mustChangePassword: false } } : s));
      api.form.reset();
      if (forced) navigate('/', { replace: true });
      else api.setSaved('Your password is changed. Your other sessions have been signed out.');
    },
  });

  return (
    <>
      <h1>Change your password</h1>
      {forced ? (
        <p className="alert alert--warning" role="status">
          You signed in with a one-time password from an administrator. Choose your own password to continue.
        </p>
      ) : null}
      <ApiForm api={api} className="" label="Change your password">
        <TextField
          {...api.field('current')}
          label={forced ? 'One-time password' : 'Current password'}
          type="password"
          autoComplete="current-password"
          required
        />
        <TextField
          {...api.field('next')}
          label="New password"
          hint="At least 12 characters, not your username, not a common password."
          type="password"
          autoComplete="new-password"
          required
        />
        <TextField {...api.field('repeat')} label="New password again" type="password" autoComplete="new-password" required />
        <FormActions pending={api.pending} submit="Change password" pendingText="Changing…" />
      </ApiForm>
    </>
  );
}
