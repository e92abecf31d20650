import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TotpEnrolment } from '../../api/types.ts';
import { FormError, LiveStatus } from '../../components/alerts.tsx';
import { Button } from '../../components/button.tsx';
import { AuthenticatorCodeField, CurrentPasswordField } from '../../components/field.tsx';
import { useAction } from '../../components/use-action.ts';
import { useSignedIn } from '../session/session-context.tsx';
import { groupSecret, recoveryCodesFile, svgDataUri } from './totp-display.ts';

type Phase =
  | { name: 'idle' }
  | { name: 'scan'; enrolment: TotpEnrolment }
  | { name: 'codes'; recoveryCodes: string[] }
  | { name: 'disable' };

export function MfaSection() {
  const { api, me, brand, reload } = useSignedIn();
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run: runAction } = useAction();
  const [status, setStatus] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const focusTarget = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (phase.name !== 'idle') focusTarget.current?.focus();
  }, [phase.name]);

  function run(action: () => Promise<void>) {
    setStatus(null);
    return runAction(action);
  }

  const start = () =>
    run(async () => {
      const enrolment = await api.enrollTotp();
      setCode('');
      setPhase({ name: 'scan', enrolment });
    });

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { recoveryCodes } = await api.confirmTotp(code.replace(/\s+/g, ''));
      setCode('');
      setPhase({ name: 'codes', recoveryCodes });
    });
  };

  const finish = () =>
    run(async () => {
      await reload();
      setPhase({ name: 'idle' });
      setStatus('Two-factor authentication is on. You will be asked for a code when you sign in.');
    });

  const disable = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.disableTotp(password);
      setPassword('');
      await reload();
      setPhase({ name: 'idle' });
      setStatus('Two-factor authentication is off.');
    });
  };

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied to the clipboard.`);
    } catch {
      setCopied(`Could not copy. Select the ${what.toLowerCase()} and copy it yourself.`);
    }
  }

  const canCopy = typeof navigator !== 'undefined' && typeof navigator.clipboard?.writeText === 'function';
  const enabled = me.user.mfaEnabled;

  return (
    <section className="card" aria-labelledby="mfa-heading">
      <div className="card__header">
        <h2 id="mfa-heading">Two-factor authentication</h2>
        <span className={`badge ${enabled ? 'badge--on' : 'badge--off'}`}>{enabled ? 'On' : 'Off'}</span>
      </div>
      <LiveStatus message={status} />
      <FormError message={error} />

      {phase.name === 'idle' && !enabled ? (
        <>
          <p>
            Protect your health data with a second step at sign-in: a code from an authenticator app on your phone, such as
            Google Authenticator, Microsoft Authenticator, 1Password or Aegis.
          </p>
          <Button onClick={() => void start()} busy={busy} busyLabel="Preparing…">
            Set up two-factor authentication
          </Button>
        </>
      ) : null}

      {phase.name === 'idle' && enabled ? (
        <>
          <p>Signing in needs your password and a code from your authenticator app (or one of your recovery codes).</p>
          <Button variant="secondary" onClick={() => setPhase({ name: 'disable' })}>
            Turn off two-factor authentication
          </Button>
        </>
      ) : null}

      {phase.name === 'scan' ? (
        <div className="mfa">
          <h3 ref={focusTarget} tabIndex={-1}>
            Step 1: add {brand.productName} to your authenticator app
          </h3>
          <div className="mfa__pair">
            {phase.enrolment.qrSvg ? (
              <img
                className="mfa__qr"
                src={svgDataUri(phase.enrolment.qrSvg)}
                width={192}
                height={192}
                alt="QR code to scan with your authenticator app. The same key is written out next to it."
              />
            ) : null}
            <div className="mfa__manual">
              <p>Scan the QR code with the app, or enter this key by hand (time-based, 6 digits):</p>
              <p className="mfa__secret-line">
                <code className="mfa__secret" id="mfa-secret" data-secret={phase.enrolment.secret}>
                  {groupSecret(phase.enrolment.secret)}
                </code>
              </p>
              {canCopy ? (
                <Button variant="quiet" className="btn--small" onClick={() => void copy(phase.enrolment.secret, 'Key')}>
                  Copy key
                </Button>
              ) : null}
              <p className="muted small">
                On this phone? <a href={phase.enrolment.otpauthUri}>Open in your authenticator app</a>.
              </p>
            </div>
          </div>
          <form className="form form--inline" onSubmit={confirm}>
            <h3>Step 2: enter the code the app shows</h3>
            <AuthenticatorCodeField label="6-digit code" value={code} onValue={setCode} />
            <div className="form__row">
              <Button type="submit" busy={busy} busyLabel="Checking…">
                Turn on
              </Button>
              <Button variant="quiet" onClick={() => setPhase({ name: 'idle' })} disabled={busy}>
                Cancel
              </Button>
            </div>
          </form>
        </div>
      ) : null}

      {phase.name === 'codes' ? (
        <div className="mfa">
          <h3 ref={focusTarget} tabIndex={-1}>
            Save your recovery codes
          </h3>
          <p>
            If you lose your phone, each of these codes lets you sign in once. <strong>They are shown only now.</strong> Store them
            in a password manager or print them.
          </p>
          <ol className="recovery-codes" aria-label="Recovery codes">
            {phase.recoveryCodes.map((recoveryCode) => (
              <li key={recoveryCode}>
                <code>{recoveryCode}</code>
              </li>
            ))}
          </ol>
          <div className="form__row">
            <a
              className="btn btn--secondary"
              download={`${brand.productName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-recovery-codes.txt`}
              href={`data:text/plain;charset=utf-8,${encodeURIComponent(recoveryCodesFile(phase.recoveryCodes, brand.productName, new Date()))}`}
            >
              Download as a text file
            </a>
            {canCopy ? (
              <Button variant="secondary" onClick={() => void copy(phase.recoveryCodes.join('\n'), 'Recovery codes')}>
                Copy codes
              </Button>
            ) : null}
            <Button onClick={() => void finish()} busy={busy} busyLabel="Finishing…">
              I have saved my codes
            </Button>
          </div>
        </div>
      ) : null}

      {phase.name === 'disable' ? (
        <form className="form form--inline" onSubmit={disable}>
          <h3 ref={focusTarget} tabIndex={-1}>
            Turn off two-factor authentication
          </h3>
          <p>Your account will be protected by your password alone. Confirm with your password.</p>
          <CurrentPasswordField value={password} onValue={setPassword} />
          <div className="form__row">
            <Button type="submit" variant="danger" busy={busy} busyLabel="Turning off…">
              Turn off
            </Button>
            <Button variant="quiet" onClick={() => setPhase({ name: 'idle' })} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      <div className="visually-hidden">
        <LiveStatus message={copied} tone="info" />
      </div>
    </section>
  );
}
