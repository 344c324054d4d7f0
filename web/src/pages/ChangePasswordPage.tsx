import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { changePassword } from '../api.ts';
import { TextField } from '../components/Field.tsx';
import { ApiForm, FormActions } from '../forms/ApiForm.tsx';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import { SESSION_KEY, useSession } from '../session.ts';
import type { User } from '../types.ts';

// The server checks the password rules (length, not the username, not a common password).
const schema = z
  .object({ current: z.string(), next: z.string(), repeat: z.string() })
  .refine((values) => values.next === values.repeat, { path: ['repeat'], message: 'The two new passwords are not the same' });

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
  const api = useApiForm({
    id: 'password',
    schema,
    defaultValues: { current: '', next: '', repeat: '' },
    aliases: { currentPassword: 'current', newPassword: 'next' },
    submit: ({ current, next }) => changePassword(current, next),
    onSuccess: () => {
      queryClient.setQueryData<User | null>(SESSION_KEY, (u) => (u ? { ...u, mustChangePassword: false } : u));
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
