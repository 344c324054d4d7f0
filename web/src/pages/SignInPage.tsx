import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { signIn } from '../api.ts';
import { TextField } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePageTitle } from '../hooks.ts';
import { SESSION_KEY, useSession } from '../session.ts';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});

  const mutation = useMutation({
    mutationFn: () => signIn(username.trim(), password),
    onSuccess: (user) => {
      queryClient.setQueryData(SESSION_KEY, user);
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: () => setPassword(''),
  });

  if (session.data && !mutation.isPending && !mutation.isSuccess) return <Navigate to="/" replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      username: username.trim() ? undefined : 'Enter your username',
      password: password ? undefined : 'Enter your password',
    };
    setMissing(next);
    if (next.username || next.password) return;
    mutation.mutate();
  }

  const hasMissing = !!(missing.username || missing.password);
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
          {hasMissing ? (
            <div className="alert alert--error" role="alert">
              <p className="alert__title">There is a problem</p>
              <ul className="alert__list">
                {missing.username ? (
                  <li>
                    <a href="#username">{missing.username}</a>
                  </li>
                ) : null}
                {missing.password ? (
                  <li>
                    <a href="#password">{missing.password}</a>
                  </li>
                ) : null}
              </ul>
            </div>
          ) : (
            <ProblemAlert error={mutation.error} />
          )}
          <form onSubmit={submit} noValidate aria-label="Sign in">
            <TextField
              id="username"
              label="Username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              error={missing.username}
              onChange={(event) => setUsername(event.target.value)}
            />
            <TextField
              id="password"
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              error={missing.password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <button type="submit" className="button" disabled={mutation.isPending}>
              {mutation.isPending ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
