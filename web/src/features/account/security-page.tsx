import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { CurrentPasswordField, EmailField } from '../../components/field.tsx';
import { PageHeading } from '../../components/page.tsx';
import { SectionForm } from '../../components/section-form.tsx';
import { useAction, withFieldErrors } from '../../components/use-action.ts';
import { NewPasswordField } from '../auth/new-password-field.tsx';
import { useSignedIn } from '../session/session-context.tsx';
import { MfaSection } from './mfa-section.tsx';

function ChangePasswordSection() {
  const { api } = useSignedIn();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { busy, error, run } = useAction();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFieldError(undefined);
    setStatus(null);
    void run(
      async () => {
        await api.changePassword(current, next);
        setCurrent('');
        setNext('');
        setStatus('Your password is changed.');
      },
      withFieldErrors((byField) => setFieldError(byField.newPassword)),
    );
  }

  return (
    <SectionForm
      id="password"
      title="Password"
      status={status}
      error={error}
      onSubmit={submit}
      submit={{ label: 'Change password', busy, busyLabel: 'Changing…' }}
    >
      <CurrentPasswordField value={current} onValue={setCurrent} />
      <NewPasswordField value={next} error={fieldError} onValue={setNext} />
    </SectionForm>
  );
}

function ChangeEmailSection() {
  const { api, me } = useSignedIn();
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    void run(async () => {
      await api.changeEmail(password, email.trim());
      setStatus(`We sent a confirmation link to ${email.trim()}. Your address changes when you open it.`);
      setPassword('');
      setEmail('');
    });
  }

  return (
    <SectionForm
      id="email"
      title="Email address"
      intro={
        <p>
          You sign in with <strong>{me.user.email}</strong>.
        </p>
      }
      status={status}
      error={error}
      onSubmit={submit}
      submit={{ label: 'Change email', busy, busyLabel: 'Sending…' }}
    >
      <EmailField label="New email address" name="newEmail" value={email} onValue={setEmail} />
      <CurrentPasswordField value={password} onValue={setPassword} />
    </SectionForm>
  );
}

function SessionsSection() {
  const { signOut } = useSignedIn();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const signOutEverywhere = () => run(() => signOut({ everywhere: true }));

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
