import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { isProblem, onUnauthorized } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { AccountsPage } from './pages/AccountsPage.tsx';
import { AgreementPage } from './pages/AgreementPage.tsx';
import { AuditorPage } from './pages/AuditorPage.tsx';
import { AuditTrailPage } from './pages/AuditTrailPage.tsx';
import { CaseloadPage } from './pages/CaseloadPage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { FindPersonPage } from './pages/FindPersonPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { JobsPage } from './pages/JobsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PaymentRunsPage } from './pages/PaymentRunsPage.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { RegisterPersonPage } from './pages/RegisterPersonPage.tsx';
import { ServicePlanPage } from './pages/ServicePlanPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { TeamPage } from './pages/TeamPage.tsx';
import { TeamTasksPage } from './pages/TeamTasksPage.tsx';
import { TransferCaseloadPage } from './pages/TransferCaseloadPage.tsx';
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

// The learner-benefits pages load on first use, so the first screen stays small.
const LearnerCasePage = lazy(() => import('./pages/LearnerCasePage.tsx').then((m) => ({ default: m.LearnerCasePage })));
const TwoAttendingPage = lazy(() => import('./pages/TwoAttendingPage.tsx').then((m) => ({ default: m.TwoAttendingPage })));
const CalculatorPage = lazy(() => import('./pages/CalculatorPage.tsx').then((m) => ({ default: m.CalculatorPage })));

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p role="status">Loading…</p>}>{children}</Suspense>;
}

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'people', element: <FindPersonPage /> },
      { path: 'people/new', element: <RegisterPersonPage /> },
      { path: 'people/:id', element: <PersonPage /> },
      { path: 'people/:id/audit', element: <AuditTrailPage /> },
      { path: 'audit', element: <AuditorPage /> },
      { path: 'service-plans/:id', element: <ServicePlanPage /> },
      { path: 'service-plans/:id/agreement', element: <AgreementPage /> },
      {
        path: 'pdcs/:id',
        element: (
          <Loading>
            <LearnerCasePage />
          </Loading>
        ),
      },
      {
        path: 'two-attending/:id',
        element: (
          <Loading>
            <TwoAttendingPage />
          </Loading>
        ),
      },
      {
        path: 'calculator',
        element: (
          <Loading>
            <CalculatorPage />
          </Loading>
        ),
      },
      { path: 'worklist', element: <WorklistPage /> },
      { path: 'caseload', element: <CaseloadPage /> },
      { path: 'caseloads/transfer', element: <TransferCaseloadPage /> },
      { path: 'team', element: <TeamPage /> },
      { path: 'team/tasks/:list', element: <TeamTasksPage /> },
      { path: 'jobs', element: <JobsPage /> },
      { path: 'payment-runs', element: <PaymentRunsPage /> },
      { path: 'password', element: <ChangePasswordPage /> },
      { path: 'admin/accounts', element: <AccountsPage /> },
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
