import { Navigate, Route, Routes } from 'react-router-dom';
import { AppShell } from '../components/layouts.tsx';
import { SecurityPage } from '../features/account/security-page.tsx';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page.tsx';
import { ResetPasswordPage } from '../features/auth/reset-password-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { SignUpPage } from '../features/auth/sign-up-page.tsx';
import { VerifyEmailPage } from '../features/auth/verify-email-page.tsx';
import { DashboardPage } from '../features/dashboard/dashboard-page.tsx';
import { AcceptInvitationPage } from '../features/invitations/accept-invitation-page.tsx';
import { MembersPage } from '../features/members/members-page.tsx';
import { FullPageLoading, RequireAuth } from '../features/session/require-auth.tsx';
import { useSession } from '../features/session/session-context.tsx';
import { NotFoundPage } from './not-found-page.tsx';

function Home() {
  const { status } = useSession();
  if (status === 'loading') return <FullPageLoading />;
  return <Navigate to={status === 'signed-in' ? '/dashboard' : '/sign-in'} replace />;
}

/** Pages keyed by tenant start afresh when the person switches tenant. */
function TenantKeyed({ page: Page }: { page: () => React.JSX.Element }) {
  const { tenant } = useSession();
  return <Page key={tenant?.tenantId ?? 'none'} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/sign-up" element={<SignUpPage />} />
      <Route path="/verify-email" element={<VerifyEmailPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route path="/dashboard" element={<TenantKeyed page={DashboardPage} />} />
        <Route path="/members" element={<TenantKeyed page={MembersPage} />} />
        <Route path="/account/security" element={<SecurityPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
