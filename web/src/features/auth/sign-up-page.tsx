import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { FormError } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { EmailField, TextField } from '../../components/field.tsx';
import { AuthLayout } from '../../components/layouts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useAction, withFieldErrors } from '../../components/use-action.ts';
import { NewPasswordField } from './new-password-field.tsx';
import { useSession } from '../session/session-context.tsx';
import { rememberAfterVerify, safeNext } from './safe-next.ts';

export function SignUpPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const { busy, error, run } = useAction();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (session.status === 'signed-in' && !sentTo) return <Navigate to={next ?? '/dashboard'} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    setFieldErrors({});
    void run(
      async () => {
        const result = await session.api.signUp({ name: name.trim(), email: email.trim(), password });
        rememberAfterVerify(next);
        setSentTo(result.user.email);
      },
      withFieldErrors(setFieldErrors),
    );
  }

  if (sentTo) {
    return (
      <AuthLayout>
        <PageHeading key="sent" title="Check your inbox">
          <p>
            We sent a link to <strong>{sentTo}</strong>. Open it to confirm your email address, then sign in.
          </p>
        </PageHeading>
        <p className="muted">The link works once. If nothing arrives in a few minutes, check your spam folder.</p>
        <p>
          <Link className="btn btn--secondary" to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>
            Go to sign in
          </Link>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <PageHeading title="Create your account">
        <p>Bring your wearables and health records together, privately.</p>
      </PageHeading>
      <form className="form" onSubmit={submit}>
        <FormError message={error} />
        <TextField
          label="Full name"
          name="name"
          autoComplete="name"
          required
          maxLength={200}
          value={name}
          error={fieldErrors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <EmailField value={email} error={fieldErrors.email} onValue={setEmail} />
        <NewPasswordField label="Password" name="password" visible={showPassword} value={password} error={fieldErrors.password} onValue={setPassword} />
        <label className="checkbox">
          <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
          Show password
        </label>
        <Button type="submit" busy={busy} busyLabel="Creating your account…" className="btn--block">
          Create account
        </Button>
      </form>
      <p className="auth__switch">
        Already have an account? <Link to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>Sign in</Link>
      </p>
    </AuthLayout>
  );
}
