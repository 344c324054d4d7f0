import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { changePassword } from '../api.ts';
import { TextField } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePageTitle } from '../hooks.ts';
import { SESSION_KEY, useSession } from '../session.ts';
import type { User } from '../types.ts';

/**
 * Change your own password; also the forced change after an administrator's reset (the shell
 * sends a user with a one-time password here, and nowhere else, until it is changed).
 */
export function ChangePasswordPage() {
  usePageTitle('Change your password');
  const { data: user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>();
  const forced = !!user?.mustChangePassword;

  const mutation = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => {
      queryClient.setQueryData<User | null>(SESSION_KEY, (u) => (u ? { ...u, mustChangePassword: false } : u));
      setCurrent('');
      setNext('');
      setRepeat('');
      if (forced) navigate('/', { replace: true });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = next !== repeat ? 'The two new passwords are not the same' : undefined;
    setMismatch(problem);
    if (!problem) mutation.mutate();
  }

  return (
    <>
      <h1>Change your password</h1>
      {forced ? (
        <p className="alert alert--warning" role="status">
          You signed in with a one-time password from an administrator. Choose your own password to continue.
        </p>
      ) : null}
      {mutation.isSuccess && !forced ? (
        <p className="alert alert--success" role="status">
          Your password is changed. Your other sessions have been signed out.
        </p>
      ) : null}
      <ProblemAlert error={mutation.error} />
      <form onSubmit={submit} noValidate aria-label="Change your password">
        <TextField
          id="currentPassword"
          label={forced ? 'One-time password' : 'Current password'}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          id="newPassword"
          label="New password"
          hint="At least 12 characters, not your username, not a common password."
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <TextField
          id="repeatPassword"
          label="New password again"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          error={mismatch}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </>
  );
}
