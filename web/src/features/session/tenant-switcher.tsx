import { useId, useState } from 'react';
import { LiveStatus } from '../../components/alerts.tsx';
import type { Membership } from '../../api/types.ts';
import { tenantDisplayName } from '../branding/branding.ts';
import { useSignedIn } from './session-context.tsx';

function optionLabel(membership: Membership): string {
  const name = tenantDisplayName(membership);
  return membership.tenantType === 'personal' ? `${name} (personal)` : name;
}

/** Chooses the tenant the app acts in; every later request names it in X-Tenant-Id. */
export function TenantSwitcher() {
  const { me, tenant, selectTenant } = useSignedIn();
  const [announcement, setAnnouncement] = useState('');
  const id = useId();

  if (me.memberships.length < 2) {
    return (
      <div className="switcher">
        <span className="switcher__label">Workspace</span>
        <span className="switcher__single">{tenantDisplayName(tenant)}</span>
      </div>
    );
  }
  return (
    <div className="switcher">
      <label className="switcher__label" htmlFor={id}>
        Workspace
      </label>
      <select
        id={id}
        className="switcher__select"
        value={tenant.tenantId}
        onChange={(event) => {
          const next = me.memberships.find((m) => m.tenantId === event.target.value);
          if (!next) return;
          selectTenant(next.tenantId);
          setAnnouncement(`Now working in ${tenantDisplayName(next)}.`);
        }}
      >
        {me.memberships.map((membership) => (
          <option key={membership.tenantId} value={membership.tenantId}>
            {optionLabel(membership)}
          </option>
        ))}
      </select>
      <div className="visually-hidden">
        <LiveStatus message={announcement} tone="info" />
      </div>
    </div>
  );
}
