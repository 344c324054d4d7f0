import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { signIn } from '../api.ts';
import { TextField } from '../components/Field.tsx';
import { ApiForm, FormActions } from '../forms/ApiForm.tsx';
import { required } from '../forms/schema.ts';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import { SESSION_KEY, useSession } from '../session.ts';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

const schema = z.object({ username: required('Enter your username'), password: z.string().min(1, 'Enter your password') });

export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const api = useApiForm({
    id: 'signin',
    schema,
    defaultValues: { username: '', password: '' },
    submit: ({ username, password }) => signIn(username, password),
    onSuccess: (session) => {
      queryClient.setQueryData(SESSION_KEY, session);
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: () => api.form.resetField('password'),
  });

  if (session.data && !api.pending && !api.succeeded) return <Navigate to="/" replace />;

  return (
    <div className="app app--signed-out">
      <header className="topbar">
        <div className="topbar__inner">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true">
              W
            </span>
            <span className="brand__name">Waypoint</span>
          </span>
        </div>
      </header>
      <main id="main" className="signin">
        <div className="card signin__card">
          <h1>Sign in</h1>
          <p className="lead">Case management and learner benefits.</p>
          <ApiForm api={api} className="" label="Sign in">
            <TextField
              {...api.field('username')}
              label="Username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
            />
            <TextField {...api.field('password')} label="Password" type="password" autoComplete="current-password" required />
            <FormActions pending={api.pending} submit="Sign in" pendingText="Signing in…" />
          </ApiForm>
        </div>
      </main>
    </div>
  );
}
