import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { FormError } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { AuthLayout } from '../../components/layouts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useAction, withFieldErrors } from '../../components/use-action.ts';
import { NewPasswordField } from './new-password-field.tsx';
import { useSession } from '../session/session-context.tsx';

export function ResetPasswordPage() {
  const { api } = useSession();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useAction();
  const [mismatch, setMismatch] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [done, setDone] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!token) return;
    setError(null);
    setFieldError(undefined);
    if (password !== repeat) {
      setMismatch('The two passwords are not the same.');
      return;
    }
    setMismatch(undefined);
    void run(
      async () => {
        await api.confirmPasswordReset(token, password);
        setDone(true);
      },
      withFieldErrors((byField) => setFieldError(byField.password)),
    );
  }

  if (!token) {
    return (
      <AuthLayout>
        <PageHeading title="This link did not work" />
        <FormError message="This link has no token. Open the link from the email again, or ask for a new one." />
        <p>
          <Link to="/forgot-password">Ask for a new reset link</Link>
        </p>
      </AuthLayout>
    );
  }
  if (done) {
    return (
      <AuthLayout>
        <PageHeading key="done" title="Password changed">
          <p>Your new password is set. Sign in with it now.</p>
        </PageHeading>
        <p>
          <Link className="btn btn--primary" to="/sign-in" state={{ notice: 'Password changed. Sign in with your new password.' }}>
            Sign in
          </Link>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout>
      <PageHeading title="Choose a new password" />
      <form className="form" onSubmit={submit}>
        <FormError message={error} />
        <NewPasswordField name="password" value={password} error={fieldError} onValue={setPassword} />
        <TextField
          label="Repeat the new password"
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          error={mismatch}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <Button type="submit" busy={busy} busyLabel="Saving…" className="btn--block">
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
