import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { FormError } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { EmailField } from '../../components/field.tsx';
import { AuthLayout } from '../../components/layouts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useAction } from '../../components/use-action.ts';
import { useSession } from '../session/session-context.tsx';

export function ForgotPasswordPage() {
  const { api } = useSession();
  const [email, setEmail] = useState('');
  const { busy, error, run } = useAction();
  const [sentTo, setSentTo] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api.requestPasswordReset(email.trim());
      setSentTo(email.trim());
    });
  }

  if (sentTo) {
    return (
      <AuthLayout>
        <PageHeading key="sent" title="Check your inbox">
          <p>
            If an account uses <strong>{sentTo}</strong>, we sent it a link to choose a new password. The link expires soon and works
            once.
          </p>
        </PageHeading>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <PageHeading title="Reset your password">
        <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      </PageHeading>
      <form className="form" onSubmit={submit}>
        <FormError message={error} />
        <EmailField value={email} onValue={setEmail} />
        <Button type="submit" busy={busy} busyLabel="Sending…" className="btn--block">
          Send reset link
        </Button>
      </form>
      <p className="auth__switch">
        Remembered it? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
