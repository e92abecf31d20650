import { TextField } from '../../components/field.tsx';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from './password-hint.ts';

interface NewPasswordFieldProps {
  value: string;
  onValue: (value: string) => void;
  label?: string;
  name?: string;
  error?: string | undefined;
  /** Shows what is typed (a "show password" box). */
  visible?: boolean;
}

/** A password being chosen: the rules the API applies, told before they are broken. */
export function NewPasswordField({ value, onValue, label = 'New password', name = 'newPassword', error, visible = false }: NewPasswordFieldProps) {
  return (
    <TextField
      label={label}
      name={name}
      type={visible ? 'text' : 'password'}
      autoComplete="new-password"
      hint={PASSWORD_HINT}
      required
      minLength={PASSWORD_MIN_LENGTH}
      value={value}
      error={error}
      onChange={(e) => onValue(e.target.value)}
    />
  );
}
