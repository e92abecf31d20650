import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { AcceptedInvitation } from '../../api/types.ts';
import { FormError, Loading } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { AuthLayout } from '../../components/layouts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useAction } from '../../components/use-action.ts';
import { tenantDisplayName } from '../branding/branding.ts';
import { roleLabel } from '../members/roles.ts';
import { useSession } from '../session/session-context.tsx';

/**
 * /invitations/accept?token=…: a signed-out person signs in (or creates an account) first and
 * comes back here; a signed-in one accepts with one button.
 */
export function AcceptInvitationPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const token = params.get('token');
  const { busy, error, run } = useAction();
  const [accepted, setAccepted] = useState<(AcceptedInvitation & { tenantName: string }) | null>(null);

  if (!token) {
    return (
      <AuthLayout>
        <PageHeading title="This invitation link did not work" />
        <FormError message="The link has no invitation token. Open the link from the email again." />
      </AuthLayout>
    );
  }
  if (session.status === 'loading') {
    return (
      <AuthLayout>
        <PageHeading title="Invitation" />
        <Loading />
      </AuthLayout>
    );
  }

  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;

  if (session.status !== 'signed-in' || !session.me) {
    return (
      <AuthLayout>
        <PageHeading title="You have been invited">
          <p>Someone invited you to join their organisation. Sign in to accept, or create an account if you do not have one yet.</p>
        </PageHeading>
        <div className="stack stack--tight">
          <Link className="btn btn--primary btn--block" to={`/sign-in?next=${encodeURIComponent(here)}`}>
            Sign in to accept
          </Link>
          <Link className="btn btn--secondary btn--block" to={`/sign-up?next=${encodeURIComponent(here)}`}>
            Create an account
          </Link>
        </div>
      </AuthLayout>
    );
  }

  const accept = () =>
    run(async () => {
      const result = await session.api.acceptInvitation(token);
      const me = await session.reload();
      const membership = me.memberships.find((m) => m.tenantId === result.tenantId);
      session.selectTenant(result.tenantId);
      setAccepted({ ...result, tenantName: membership ? tenantDisplayName(membership) : 'the organisation' });
    });

  if (accepted) {
    return (
      <AuthLayout>
        <PageHeading key="accepted" title={`Welcome to ${accepted.tenantName}`}>
          <p>You joined as {roleLabel(accepted.role).toLowerCase()}.</p>
        </PageHeading>
        <Link className="btn btn--primary" to="/dashboard">
          Go to the dashboard
        </Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <PageHeading title="Accept the invitation">
        <p>
          You are signed in as <strong>{session.me.user.email}</strong>. Accepting adds this account to the organisation that invited
          you.
        </p>
      </PageHeading>
      <FormError message={error} />
      <div className="stack stack--tight">
        <Button className="btn--block" busy={busy} busyLabel="Accepting…" onClick={() => void accept()}>
          Accept invitation
        </Button>
        <Button variant="quiet" className="btn--block" onClick={() => void session.signOut()}>
          Not you? Sign out
        </Button>
      </div>
    </AuthLayout>
  );
}
