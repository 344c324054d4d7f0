import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { countTasks, signOut } from '../api.ts';
import { roleLabel } from '../format.ts';
import { taskKeys } from '../hooks.ts';
import { isCaseworker, mayOffer, SESSION_KEY, useSession } from '../session.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

/** The signed-in shell: skip link, top bar, navigation and the page. Redirects to sign-in on 401. */
export function Layout() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) {
    return (
      <main id="main" className="page page--centered">
        <p role="status">Loading Waypoint…</p>
      </main>
    );
  }
  if (session.isError) {
    return (
      <main id="main" className="page page--centered">
        <h1>Waypoint</h1>
        <ProblemAlert error={session.error} />
        <button type="button" className="button" onClick={() => session.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    const to = next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <Shell />;
}

function Shell() {
  const { data: user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Move focus to the page on navigation, so keyboard and screen-reader users start at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
      navigate('/sign-in', { replace: true });
    },
  });

  if (!user) return null;
  const caseworker = isCaseworker(user);
  // A one-time password from an administrator's reset: nothing else until it is changed.
  if (user.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link className="brand" to="/">
            <span className="brand__mark" aria-hidden="true">
              W
            </span>
            <span className="brand__name">Waypoint</span>
          </Link>
          <div className="topbar__user">
            <p className="user">
              <span className="visually-hidden">Signed in as </span>
              <span className="user__name">{user.displayName}</span>
              <span className="user__roles">{user.roles.map(roleLabel).join(', ')}</span>
            </p>
            <Link className="topbar__link" to="/password">
              Change password
            </Link>
            <button
              type="button"
              className="button button--on-dark"
              onClick={() => signOutMutation.mutate()}
              disabled={signOutMutation.isPending}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <div className="body">
        <nav className="sidenav" aria-label="Main">
          <ul>
            {caseworker ? (
              <li>
                <NavLink to="/" end>
                  My work
                </NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'person.read') ? (
              <li>
                <NavLink to="/people" end>
                  Find a person
                </NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'person.register') ? (
              <li>
                <NavLink to="/people/new">Register a person</NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'task.read') ? (
              <li>
                <WorklistLink />
              </li>
            ) : null}
            {caseworker ? (
              <li>
                <NavLink to="/caseload">My caseload</NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'team.read') ? (
              <li>
                <NavLink to="/team">Team dashboard</NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'job.run') ? (
              <li>
                <NavLink to="/jobs">Batch jobs</NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'payment.export') ? (
              <li>
                <NavLink to="/payment-runs">Payment runs</NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'simulation.run') ? (
              <li>
                <NavLink to="/calculator">Household calculator</NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'user.create') ? (
              <li>
                <NavLink to="/admin/accounts">Accounts</NavLink>
              </li>
            ) : null}
            {mayOffer(user, 'audit.search') ? (
              <li>
                <NavLink to="/audit">Audit</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className="page">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

/**
 * "My worklist" with the number of open tasks, on every page: refreshed every minute, and at once
 * after anything that can create or finish a task (those invalidate the ['tasks'] queries).
 */
function WorklistLink() {
  const count = useQuery({ queryKey: taskKeys.count, queryFn: countTasks, refetchInterval: 60_000 });
  const open = count.data ?? 0;
  return (
    <NavLink to="/worklist" className="nav-worklist">
      My worklist
      {count.data !== undefined ? (
        <span className={`nav-count${open === 0 ? ' nav-count--zero' : ''}`}>
          <span aria-hidden="true">{open}</span>
          <span className="visually-hidden">, {open === 1 ? '1 open task' : `${open} open tasks`}</span>
        </span>
      ) : null}
    </NavLink>
  );
}
