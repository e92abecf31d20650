import { Link } from 'react-router-dom';
import { Callout } from '../../components/alerts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { tenantDisplayName } from '../branding/branding.ts';
import { roleLabel } from '../members/roles.ts';
import { useSignedIn } from '../session/session-context.tsx';

function greeting(now: Date): string {
  const hour = now.getHours();
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function DashboardPage() {
  const { me, tenant } = useSignedIn();
  return (
    <div className="stack">
      <PageHeading title={tenantDisplayName(tenant)} eyebrow="Dashboard">
        <p>
          {greeting(new Date())}
          {me.user.name.trim() ? `, ${me.user.name.trim()}` : ''}.{' '}
          {tenant.tenantType === 'personal' ? 'This is your personal space.' : `Your role here: ${roleLabel(tenant.role).toLowerCase()}.`}
        </p>
      </PageHeading>

      {!me.user.mfaEnabled ? (
        <Callout title="Protect your account" tone="warning">
          <p>
            Health data deserves more than a password. <Link to="/account/security">Turn on two-factor authentication</Link> — it takes a
            minute.
          </p>
        </Callout>
      ) : null}

      <section className="card empty-state" aria-labelledby="empty-heading">
        <svg className="empty-state__art" viewBox="0 0 120 64" aria-hidden="true" focusable="false">
          <path d="M4 40h22l8-20 12 36 10-26 8 10h52" />
        </svg>
        <h2 id="empty-heading">Nothing to show yet</h2>
        <p className="muted">
          When data arrives from a wearable or an import, your scores, trends and alerts for {tenantDisplayName(tenant)} appear here.
        </p>
      </section>
    </div>
  );
}
