import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/errors.ts';
import { FormError, LiveStatus } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { AuthenticatorCodeField, CurrentPasswordField, EmailField, TextField } from '../../components/field.tsx';
import { AuthLayout } from '../../components/layouts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useAction } from '../../components/use-action.ts';
import { normaliseSecondFactor } from '../account/totp-display.ts';
import { useSession } from '../session/session-context.tsx';
import { safeNext } from './safe-next.ts';

type Step = 'password' | 'code';

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const [noticeSeen, setNoticeSeen] = useState(false);

  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const { busy, error, setError, run } = useAction();
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
  }, [step, recovery]);

  if (session.status === 'signed-in' && !busy) return <Navigate to={next ?? '/dashboard'} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    setNoticeSeen(true);
    void run(
      async () => {
        const totp = step === 'code' ? normaliseSecondFactor(code, recovery) : undefined;
        await session.api.signIn({ email: email.trim(), password, ...(totp ? { totp } : {}) });
        await session.reload();
        navigate(next ?? '/dashboard', { replace: true });
      },
      (caught) => {
        if (caught instanceof ApiError && caught.code === 'mfa_required' && step === 'password') {
          setStep('code');
          return null;
        }
        if (step === 'code') setCode('');
        return describeError(caught);
      },
    );
  }

  function backToPassword() {
    setStep('password');
    setCode('');
    setPassword('');
    setError(null);
  }

  const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

  return (
    <AuthLayout>
      <PageHeading title="Sign in">
        {step === 'password' ? <p>Welcome back. Sign in to see your data.</p> : <p>One more step: confirm it is you.</p>}
      </PageHeading>
      <LiveStatus message={noticeSeen ? null : notice} />
      <form className="form" onSubmit={submit}>
        <FormError message={error} />
        {step === 'password' ? (
          <>
            <EmailField autoComplete="username" value={email} onValue={setEmail} />
            <CurrentPasswordField label="Password" name="password" value={password} onValue={setPassword} />
            <p className="form__aside">
              <Link to="/forgot-password">Forgot your password?</Link>
            </p>
            <Button type="submit" busy={busy} busyLabel="Signing in…" className="btn--block">
              Sign in
            </Button>
          </>
        ) : (
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Two-factor authentication</legend>
            {recovery ? (
              <TextField
                ref={codeInput}
                key="recovery"
                label="Recovery code"
                hint="One of the ten recovery codes you saved when you turned on two-factor authentication. Each works once."
                name="totp"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            ) : (
              <AuthenticatorCodeField
                ref={codeInput}
                key="code"
                hint="The 6-digit code your authenticator app shows for this account."
                name="totp"
                value={code}
                onValue={setCode}
              />
            )}
            <Button type="submit" busy={busy} busyLabel="Checking…" className="btn--block">
              Verify and sign in
            </Button>
            <div className="form__row form__row--split">
              <Button
                variant="quiet"
                onClick={() => {
                  setRecovery(!recovery);
                  setCode('');
                  setError(null);
                }}
              >
                {recovery ? 'Use an authentication code' : 'Use a recovery code'}
              </Button>
              <Button variant="quiet" onClick={backToPassword}>
                Use another account
              </Button>
            </div>
          </fieldset>
        )}
      </form>
      {step === 'password' ? (
        <p className="auth__switch">
          New here? <Link to={withNext('/sign-up')}>Create an account</Link>
        </p>
      ) : null}
    </AuthLayout>
  );
}
