import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { passwordProblem, USERNAME_PATTERN, USERNAME_RULE } from '../../../../src/app/account-rules.ts';
import { createAccount } from '../../api.ts';
import { roleLabel } from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { useApiForm } from '../../forms/useApiForm.ts';
import { ROLES, type Role, type User } from '../../types.ts';
import { TextField } from '../Field.tsx';
import { RoleChoices } from './RoleChoices.tsx';

// The username and password rules are the server's own (src/app/account-rules.ts), checked here so
// that every problem is named at once, before the confirmation; the server checks everything again.
const schema = z
  .object({
    displayName: z.string().trim().min(1, 'Enter the name'),
    username: z.string().trim().min(1, 'Enter a username').regex(USERNAME_PATTERN, USERNAME_RULE),
    roles: z.array(z.enum(ROLES)).min(1, 'Choose at least one role'),
    password: z.string().min(1, 'Enter a first password'),
  })
  .superRefine(({ username, password }, context) => {
    const problem = password ? passwordProblem(password, username.trim()) : null;
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

/**
 * Creates an account after a confirmation: "Continue" checks the fields and asks; "Yes, create
 * the account" sends it.
 */
export function CreateAccountForm({ onCreated, onCancel }: { onCreated: (user: User) => void; onCancel: () => void }) {
  const [asking, setAsking] = useState(false);
  const api = useApiForm({
    id: 'new-account',
    schema,
    defaultValues: { displayName: '', username: '', roles: [] as Role[], password: '' },
    submit: (values, confirmed: true | undefined) => (confirmed ? createAccount(values) : Promise.resolve(null)),
    onSuccess: (user) => {
      if (!user) return setAsking(true);
      setAsking(false);
      onCreated(user);
    },
    onError: () => setAsking(false),
  });
  // The question takes the focus when it appears (the Continue button it replaces is gone); "Change
  // something" gives it back to Continue.
  const question = useRef<HTMLDivElement>(null);
  const continueButton = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (wasAsking.current) continueButton.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const roles = api.form.watch('roles') ?? [];
  const { username, displayName } = api.form.getValues();
  return (
    <ApiForm api={api} title="Create an account" level={2} focusFirst>
      <TextField {...api.field('displayName')} label="Name" autoComplete="off" />
      <TextField
        {...api.field('username')}
        label="Username"
        hint="3 to 50 lower-case letters, digits, dots, dashes or underscores, such as official.ada."
        autoComplete="off"
      />
      <RoleChoices
        id={api.controlId('roles')}
        legend="Roles"
        value={roles}
        error={api.errorOf('roles')}
        onChange={(next) => api.form.setValue('roles', next)}
      />
      <TextField
        {...api.field('password')}
        label="First password"
        hint="At least 12 characters. Give it to them privately; they can change it from the top bar."
        type="password"
        autoComplete="new-password"
      />
      {asking ? (
        <div ref={question} tabIndex={-1} className="confirm">
          <p className="confirm__question">
            Create the account {username} for {displayName}, with the roles: {roles.map(roleLabel).join(', ')}?
          </p>
          <div className="actions">
            <button type="button" className="button" disabled={api.pending} onClick={() => api.resubmit(true)}>
              {api.pending ? 'Creating…' : 'Yes, create the account'}
            </button>
            <button type="button" className="button button--link" onClick={() => setAsking(false)}>
              Change something
            </button>
          </div>
        </div>
      ) : (
        <FormActions pending={api.pending} submit="Continue" onCancel={onCancel} submitRef={continueButton} />
      )}
    </ApiForm>
  );
}
