import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../api/errors.ts';
import { FormError, LiveStatus } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { PageHeading } from '../../components/page.tsx';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '../auth/password-hint.ts';
import { useSignedIn } from '../session/session-context.tsx';
import { MfaSection } from './mfa-section.tsx';

function ChangePasswordSection() {
  const { api } = useSignedIn();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    setStatus(null);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setStatus('Your password is changed.');
    } catch (caught) {
      setError(describeError(caught));
      if (caught instanceof ApiError) setFieldError(caught.fieldErrors().newPassword);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <LiveStatus message={status} />
      <form className="form form--inline" onSubmit={submit}>
        <FormError message={error} />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={next}
          error={fieldError}
          onChange={(e) => setNext(e.target.value)}
        />
        <div className="form__row">
          <Button type="submit" variant="secondary" busy={busy} busyLabel="Changing…">
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}

function ChangeEmailSection() {
  const { api, me } = useSignedIn();
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await api.changeEmail(password, email.trim());
      setStatus(`We sent a confirmation link to ${email.trim()}. Your address changes when you open it.`);
      setPassword('');
      setEmail('');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="email-heading">
      <h2 id="email-heading">Email address</h2>
      <p>
        You sign in with <strong>{me.user.email}</strong>.
      </p>
      <LiveStatus message={status} />
      <form className="form form--inline" onSubmit={submit}>
        <FormError message={error} />
        <TextField
          label="New email address"
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="form__row">
          <Button type="submit" variant="secondary" busy={busy} busyLabel="Sending…">
            Change email
          </Button>
        </div>
      </form>
    </section>
  );
}

function SessionsSection() {
  const { signOut } = useSignedIn();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    setBusy(true);
    setError(null);
    try {
      await signOut({ everywhere: true });
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Devices</h2>
      <p>Lost a phone, or signed in on a shared computer? End every session, including this one.</p>
      <FormError message={error} />
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm signing out everywhere">
          <p className="confirm__question">Sign out on every device now?</p>
          <div className="form__row">
            <Button variant="danger" busy={busy} busyLabel="Signing out…" onClick={() => void signOutEverywhere()} autoFocus>
              Sign out everywhere
            </Button>
            <Button variant="quiet" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Sign out everywhere…
        </Button>
      )}
    </section>
  );
}

export function SecurityPage() {
  return (
    <div className="stack">
      <PageHeading title="Security" eyebrow="Your account">
        <p>How you sign in, and where you are signed in.</p>
      </PageHeading>
      <MfaSection />
      <ChangePasswordSection />
      <ChangeEmailSection />
      <SessionsSection />
    </div>
  );
}
