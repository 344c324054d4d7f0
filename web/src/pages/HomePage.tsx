import { Navigate } from 'react-router';
import { homePath, useSession } from '../session.ts';
import { FindPersonPage } from './FindPersonPage.tsx';

/** "/": person search, or the page a role that may not search people starts at (an administrator's accounts). */
export function HomePage() {
  const { data: user } = useSession();
  if (user && homePath(user) !== '/') return <Navigate to={homePath(user)} replace />;
  return <FindPersonPage />;
}
