import { useId, type ComponentProps, type ReactNode, type Ref } from 'react';

interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

/** What a field's control carries so that its label, hint and error belong to it. */
interface ControlLinks {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A label, an optional hint and error, and the control they describe (for screen readers too). */
function Field({ label, hint, error, id, className, control }: FieldChrome & { id?: string | undefined; className?: string | undefined; control: (links: ControlLinks) => ReactNode }) {
  const autoId = useId();
  const controlId = id ?? autoId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={controlId}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {control({ id: controlId, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, hint, error, id, className, ...input }: FieldChrome & ComponentProps<'input'>) {
  return (
    <Field label={label} hint={hint} error={error} id={id} className={className} control={(links) => <input className="field__input" {...links} {...input} />} />
  );
}

export function SelectField({ label, hint, error, id, className, children, ...select }: FieldChrome & ComponentProps<'select'>) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      id={id}
      className={className}
      control={(links) => (
        <select className="field__input field__select" {...links} {...select}>
          {children}
        </select>
      )}
    />
  );
}

interface ValueField {
  value: string;
  onValue: (value: string) => void;
  label?: string;
  name?: string;
  error?: string | undefined;
}

/** The account's password as it is now (password managers fill it in). */
export function CurrentPasswordField({ value, onValue, label = 'Current password', name = 'currentPassword' }: ValueField) {
  return (
    <TextField label={label} name={name} type="password" autoComplete="current-password" required value={value} onChange={(e) => onValue(e.target.value)} />
  );
}

/** An email address; `autoComplete` says whose: the person's own (`email`, `username` to sign in) or someone else's (`off`). */
export function EmailField({ value, onValue, label = 'Email', name = 'email', error, autoComplete = 'email' }: ValueField & { autoComplete?: 'email' | 'username' | 'off' }) {
  return (
    <TextField label={label} name={name} type="email" autoComplete={autoComplete} required value={value} error={error} onChange={(e) => onValue(e.target.value)} />
  );
}

/** What has phones offer the code from an authenticator app on a numeric keypad; spaces are allowed, as apps show the code in groups. */
const AUTHENTICATOR_CODE = { inputMode: 'numeric', autoComplete: 'one-time-code', pattern: '\\s*(\\d\\s*){6}', maxLength: 9, required: true } as const;

/** The 6-digit code of an authenticator app. */
export function AuthenticatorCodeField({ value, onValue, label = 'Authentication code', name = 'code', hint, ref }: ValueField & { hint?: string; ref?: Ref<HTMLInputElement> }) {
  return <TextField ref={ref} label={label} hint={hint} name={name} {...AUTHENTICATOR_CODE} value={value} onChange={(e) => onValue(e.target.value)} />;
}
