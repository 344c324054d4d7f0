import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { isProblem, onUnauthorized } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { AgreementPage } from './pages/AgreementPage.tsx';
import { AuditTrailPage } from './pages/AuditTrailPage.tsx';
import { FindPersonPage } from './pages/FindPersonPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { RegisterPersonPage } from './pages/RegisterPersonPage.tsx';
import { ServicePlanPage } from './pages/ServicePlanPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { WorklistPage } from './pages/WorklistPage.tsx';
import { SESSION_KEY } from './session.ts';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A problem from the server is an answer, not a flaky network: do not hammer it.
      retry: (count, error) => !isProblem(error) || (error.status === 0 && count < 2),
      refetchOnWindowFocus: false,
    },
  },
});

// Any 401 means the session has ended: forget the user, and the shell redirects to sign-in.
onUnauthorized(() => {
  queryClient.setQueryData(SESSION_KEY, null);
});

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <Layout />,
    children: [
      { index: true, element: <FindPersonPage /> },
      { path: 'people/new', element: <RegisterPersonPage /> },
      { path: 'people/:id', element: <PersonPage /> },
      { path: 'people/:id/audit', element: <AuditTrailPage /> },
      { path: 'service-plans/:id', element: <ServicePlanPage /> },
      { path: 'service-plans/:id/agreement', element: <AgreementPage /> },
      { path: 'worklist', element: <WorklistPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const root = document.getElementById('root');
if (!root) throw new Error('Waypoint: #root element missing from index.html');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
