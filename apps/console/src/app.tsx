import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { isProblem } from './api/problem';
import { MONITOR_ROLES, OFFICER_ROLES, type Role, SessionProvider, useSession } from './auth/session';
import { Layout } from './components/layout';
import { HomePage } from './pages/home';
import { InboxPage } from './pages/inbox';
import { NotFound } from './pages/not-found';
import { SignInCallbackPage, SignInPage } from './pages/sign-in';

// Each area is its own chunk: a reporter on a phone loads none of the inspectors' or auditors' code. The
// inbox, where officers start, is part of the first load: a chunk of its own would hold its rows back by
// a round trip and a suspended render.
const CasePage = lazy(() => import('./pages/case').then((m) => ({ default: m.CasePage })));
const DashboardPage = lazy(() => import('./pages/dashboard').then((m) => ({ default: m.DashboardPage })));
const AuditPage = lazy(() => import('./pages/audit').then((m) => ({ default: m.AuditPage })));
const ReportPage = lazy(() => import('./pages/reporter/report').then((m) => ({ default: m.ReportPage })));
const TrackPage = lazy(() => import('./pages/reporter/track').then((m) => ({ default: m.TrackPage })));

/** A page for signed-in actors of these roles; others are sent to sign in, and a role that may not see it gets "not found". */
function RequireSession({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/masuk?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(session.role)) return <NotFound />;
  return children;
}

function Loading() {
  const { t } = useTranslation();
  return <p aria-live="polite">{t('loading')}</p>;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A 4xx will not change by asking again; a network failure or 5xx may.
      queries: { retry: (count, error) => count < 2 && !(isProblem(error) && error.status >= 400 && error.status < 500), refetchOnWindowFocus: false },
    },
  });
}

const READERS: readonly Role[] = [...MONITOR_ROLES];

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <Layout>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/masuk" element={<SignInPage />} />
                <Route path="/masuk/callback" element={<SignInCallbackPage />} />
                <Route path="/kotak-masuk" element={<RequireSession roles={OFFICER_ROLES}><InboxPage /></RequireSession>} />
                <Route path="/kasus/:id" element={<RequireSession roles={READERS}><CasePage /></RequireSession>} />
                <Route path="/dasbor" element={<RequireSession roles={MONITOR_ROLES}><DashboardPage /></RequireSession>} />
                <Route path="/jejak/:id" element={<RequireSession roles={READERS}><AuditPage /></RequireSession>} />
                <Route path="/lapor" element={<ReportPage />} />
                <Route path="/lacak" element={<TrackPage />} />
                <Route path="/lacak/:trackingId" element={<TrackPage />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </Layout>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
