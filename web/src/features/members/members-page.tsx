import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../../api/errors.ts';
import { roles, type Invitation, type Member, type Role } from '../../api/types.ts';
import { FormError, Loading, LiveStatus } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { EmailField, SelectField } from '../../components/field.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useAction, withFieldErrors } from '../../components/use-action.ts';
import { tenantDisplayName } from '../branding/branding.ts';
import { useSignedIn } from '../session/session-context.tsx';
import { pendingInvitations } from './pending-invitations.ts';
import { roleHelp, roleLabel, roleLabels } from './roles.ts';

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

function MemberRow({
  member,
  isSelf,
  onChangeRole,
  onRemove,
}: {
  member: Member;
  isSelf: boolean;
  onChangeRole: (member: Member, role: Role) => Promise<void>;
  onRemove: (member: Member) => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pendingRole, setPendingRole] = useState<Role>(member.role);
  const label = member.name || member.email;

  // Once a new role is saved, the select shows it as the current one.
  useEffect(() => setPendingRole(member.role), [member.role]);

  return (
    <tr>
      <th scope="row" className="members__person">
        <span className="members__name">
          {label}
          {isSelf ? <span className="badge badge--quiet">You</span> : null}
        </span>
        <span className="members__email">{member.email}</span>
      </th>
      <td data-label="Role">
        {isSelf ? (
          <span>{roleLabel(member.role)}</span>
        ) : (
          <form
            className="role-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (pendingRole === member.role) return;
              setBusy(true);
              void onChangeRole(member, pendingRole).finally(() => setBusy(false));
            }}
          >
            <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
              Role of {label}
            </label>
            <select
              id={`role-${member.userId}`}
              className="field__input field__select field__input--compact"
              value={pendingRole}
              disabled={busy}
              onChange={(event) => setPendingRole(event.target.value as Role)}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
            {pendingRole !== member.role ? (
              <Button type="submit" variant="secondary" className="btn--small" busy={busy} busyLabel="Saving…">
                Save role
              </Button>
            ) : null}
          </form>
        )}
      </td>
      <td className="members__actions">
        {isSelf ? null : confirming ? (
          <span className="confirm-inline" role="group" aria-label={`Confirm removing ${label}`}>
            <span className="confirm-inline__question">Remove {label}?</span>
            <Button
              variant="danger"
              className="btn--small"
              busy={busy}
              busyLabel="Removing…"
              autoFocus
              onClick={() => {
                setBusy(true);
                void onRemove(member).finally(() => setBusy(false));
              }}
            >
              Remove
            </Button>
            <Button variant="quiet" className="btn--small" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button variant="quiet" className="btn--small" onClick={() => setConfirming(true)} aria-label={`Remove ${label}`}>
            Remove
          </Button>
        )}
      </td>
    </tr>
  );
}

function RevokeButton({ invitation, onRevoke }: { invitation: Invitation; onRevoke: (invitation: Invitation) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="quiet"
      className="btn--small"
      busy={busy}
      busyLabel="Withdrawing…"
      aria-label={`Withdraw the invitation to ${invitation.email}`}
      onClick={() => {
        setBusy(true);
        void onRevoke(invitation).finally(() => setBusy(false));
      }}
    >
      Withdraw
    </Button>
  );
}

function InviteForm({ onInvited }: { onInvited: (invitation: Invitation) => void }) {
  const { api, tenant } = useSignedIn();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const { busy, error, run } = useAction();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    setFieldErrors({});
    void run(async () => {
      const { invitation } = await api.invite(tenant.tenantId, email.trim(), role);
      setEmail('');
      setRole('member');
      onInvited(invitation);
    }, withFieldErrors(setFieldErrors));
  }

  return (
    <form className="form invite-form" onSubmit={submit} aria-labelledby="invite-heading">
      <FormError message={error} />
      <div className="invite-form__fields">
        <EmailField label="Email address" autoComplete="off" value={email} error={fieldErrors.email} onValue={setEmail} />
        <SelectField
          label="Role"
          name="role"
          value={role}
          error={fieldErrors.role}
          hint={`${roleLabels[role]}: ${roleHelp[role]}.`}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form__row">
        <Button type="submit" busy={busy} busyLabel="Sending…">
          Send invitation
        </Button>
      </div>
    </form>
  );
}

export function MembersPage() {
  const { api, me, tenant } = useSignedIn();
  const tenantId = tenant.tenantId;
  const [members, setMembers] = useState<Load<Member[]>>({ state: 'loading' });
  const [invitations, setInvitations] = useState<Load<Invitation[]>>({ state: 'loading' });
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const load = useCallback(() => {
    let live = true;
    api.listMembers(tenantId).then(
      ({ members: list }) => live && setMembers({ state: 'ready', value: list }),
      (error: unknown) => live && setMembers({ state: 'failed', message: describeError(error) }),
    );
    api.listInvitations(tenantId).then(
      ({ invitations: list }) => live && setInvitations({ state: 'ready', value: pendingInvitations(list, new Date()) }),
      (error: unknown) => live && setInvitations({ state: 'failed', message: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, tenantId]);

  useEffect(load, [load]);

  /** Runs a row's action; what it did is announced, or why it failed. */
  async function act(work: () => Promise<string>) {
    setActionError(null);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (caught) {
      setActionError(describeError(caught));
    }
  }

  const changeRole = (member: Member, role: Role) =>
    act(async () => {
      const { member: updated } = await api.changeRole(tenantId, member.userId, role);
      setMembers((current) =>
        current.state === 'ready'
          ? { state: 'ready', value: current.value.map((m) => (m.userId === member.userId ? { ...m, ...updated } : m)) }
          : current,
      );
      return `Role of ${member.name || member.email} changed to ${roleLabel(updated.role ?? role)}.`;
    });

  const remove = (member: Member) =>
    act(async () => {
      await api.removeMember(tenantId, member.userId);
      setMembers((current) =>
        current.state === 'ready' ? { state: 'ready', value: current.value.filter((m) => m.userId !== member.userId) } : current,
      );
      return `${member.name || member.email} was removed from ${tenantDisplayName(tenant)}.`;
    });

  const revoke = (invitation: Invitation) =>
    act(async () => {
      await api.revokeInvitation(tenantId, invitation.id);
      setInvitations((current) =>
        current.state === 'ready' ? { state: 'ready', value: current.value.filter((i) => i.id !== invitation.id) } : current,
      );
      return `The invitation to ${invitation.email} is withdrawn.`;
    });

  function invited(invitation: Invitation) {
    setActionError(null);
    setStatus(`Invitation sent to ${invitation.email}.`);
    setInvitations((current) => ({
      state: 'ready',
      value: [invitation, ...(current.state === 'ready' ? current.value.filter((i) => i.id !== invitation.id) : [])],
    }));
  }

  if (tenant.role !== 'admin') {
    return (
      <div className="stack">
        <PageHeading title="Members" eyebrow={tenantDisplayName(tenant)} />
        <p>Only administrators of {tenantDisplayName(tenant)} can manage its members.</p>
      </div>
    );
  }

  return (
    <div className="stack">
      <PageHeading title="Members" eyebrow={tenantDisplayName(tenant)}>
        <p>Who belongs to {tenantDisplayName(tenant)}, and what each person may do.</p>
      </PageHeading>
      <LiveStatus message={status} />
      <FormError message={actionError} />

      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">People</h2>
        {members.state === 'loading' ? <Loading label="Loading members…" /> : null}
        {members.state === 'failed' ? <FormError message={members.message} /> : null}
        {members.state === 'ready' && members.value.length === 0 ? <p className="muted">No members yet.</p> : null}
        {members.state === 'ready' && members.value.length > 0 ? (
          <table className="members">
            <caption className="visually-hidden">Members of {tenantDisplayName(tenant)}</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.value.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  isSelf={member.userId === me.user.id}
                  onChangeRole={changeRole}
                  onRemove={remove}
                />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <p className="muted">They get an email with a link. If they have no account yet, they create one first.</p>
        <InviteForm onInvited={invited} />
      </section>

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">Pending invitations</h2>
        {invitations.state === 'loading' ? <Loading label="Loading invitations…" /> : null}
        {invitations.state === 'failed' ? <FormError message={invitations.message} /> : null}
        {invitations.state === 'ready' && invitations.value.length === 0 ? (
          <p className="muted">No invitations are waiting for an answer.</p>
        ) : null}
        {invitations.state === 'ready' && invitations.value.length > 0 ? (
          <ul className="invitations">
            {invitations.value.map((invitation) => (
              <li key={invitation.id} className="invitations__item">
                <span className="invitations__email">{invitation.email}</span>
                <span className="badge badge--quiet">{roleLabel(invitation.role)}</span>
                <span className="invitations__expiry muted small">
                  Expires <time dateTime={invitation.expiresAt}>{formatDate(invitation.expiresAt)}</time>
                </span>
                <RevokeButton invitation={invitation} onRevoke={revoke} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
