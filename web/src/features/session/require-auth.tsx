import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { AuthLayout } from '../../components/layouts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useSession } from './session-context.tsx';

export function FullPageLoading() {
  return (
    <div className="full-page-loading">
      <Loading />
    </div>
  );
}

/** Renders its children for a signed-in person with a tenant; otherwise sends them to sign in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <FullPageLoading />;
  if (session.status === 'unreachable') {
    return (
      <AuthLayout>
        <PageHeading title="Cannot reach Vitalis">
          <p>Your session is fine, but the server did not answer. Check your connection and try again.</p>
        </PageHeading>
        <Button onClick={() => window.location.reload()}>Try again</Button>
      </AuthLayout>
    );
  }
  if (session.status === 'signed-out' || !session.me) {
    if (session.farewell) return <Navigate to="/sign-in" replace state={{ notice: session.farewell }} />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!session.tenant) {
    return (
      <AuthLayout>
        <PageHeading title="No organisation yet">
          <p>Your account does not belong to any organisation. Ask an administrator to invite you, then follow the link in the email.</p>
        </PageHeading>
        <Button variant="secondary" onClick={() => void session.signOut()}>
          Sign out
        </Button>
      </AuthLayout>
    );
  }
  return children;
}
