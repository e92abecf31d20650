import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/errors.ts';
import type { VitalisApi } from '../../api/vitalis-api.ts';
import { FormError, Loading } from '../../components/alerts.tsx';
import { AuthLayout } from '../../components/layouts.tsx';
import { PageHeading } from '../../components/page.tsx';
import { useSession } from '../session/session-context.tsx';
import { takeAfterVerify } from './safe-next.ts';

type Outcome = { state: 'verifying' } | { state: 'verified'; next: string | null } | { state: 'failed'; message: string };

// A token works once: even if the page mounts twice, it is sent once.
const attempts = new Map<string, Promise<void>>();
function verifyOnce(api: VitalisApi, token: string): Promise<void> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = api.verifyEmail(token).then(() => undefined);
    attempts.set(token, attempt);
  }
  return attempt;
}

export function VerifyEmailPage() {
  const { api, status } = useSession();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [outcome, setOutcome] = useState<Outcome>(() =>
    token ? { state: 'verifying' } : { state: 'failed', message: 'This link has no token. Open the link from the email again.' },
  );

  useEffect(() => {
    if (!token) return;
    let live = true;
    verifyOnce(api, token).then(
      () => live && setOutcome({ state: 'verified', next: takeAfterVerify() }),
      (error: unknown) => live && setOutcome({ state: 'failed', message: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, token]);

  if (outcome.state === 'verifying') {
    return (
      <AuthLayout>
        <PageHeading title="Confirming your email" />
        <Loading label="Confirming your email address…" />
      </AuthLayout>
    );
  }
  if (outcome.state === 'failed') {
    return (
      <AuthLayout>
        <PageHeading key="failed" title="This link did not work" />
        <FormError message={outcome.message} />
        <p>
          If you confirmed your address already, you can <Link to="/sign-in">sign in</Link>.
        </p>
      </AuthLayout>
    );
  }
  const signInTarget = outcome.next ? `/sign-in?next=${encodeURIComponent(outcome.next)}` : '/sign-in';
  return (
    <AuthLayout>
      <PageHeading key="verified" title="Email verified">
        <p>Thank you. Your email address is confirmed.</p>
      </PageHeading>
      <p>
        {status === 'signed-in' ? (
          <Link className="btn btn--primary" to={outcome.next ?? '/dashboard'}>
            Continue
          </Link>
        ) : (
          <Link className="btn btn--primary" to={signInTarget}>
            Sign in
          </Link>
        )}
      </p>
    </AuthLayout>
  );
}
