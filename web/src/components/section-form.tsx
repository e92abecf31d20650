import type { FormEvent, ReactNode } from 'react';
import { FormError, LiveStatus } from './alerts.tsx';
import { Button } from './button.tsx';

interface SectionFormProps {
  /** Names the section's heading (`<id>-heading`), which labels the section. */
  id: string;
  title: string;
  intro?: ReactNode;
  status: string | null;
  error: string | null;
  onSubmit: (event: FormEvent) => void;
  submit: { label: string; busy: boolean; busyLabel: string };
  children: ReactNode;
}

/** A card holding one small form of a settings page: its outcome announced, its error above the fields. */
export function SectionForm({ id, title, intro, status, error, onSubmit, submit, children }: SectionFormProps) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {intro}
      <LiveStatus message={status} />
      <form className="form form--inline" onSubmit={onSubmit}>
        <FormError message={error} />
        {children}
        <div className="form__row">
          <Button type="submit" variant="secondary" busy={submit.busy} busyLabel={submit.busyLabel}>
            {submit.label}
          </Button>
        </div>
      </form>
    </section>
  );
}
