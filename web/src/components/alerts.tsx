import type { ReactNode } from 'react';

/** An error about the form or action just tried; announced as soon as it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}

/**
 * A polite live region: always in the page, so a message put into it is read out. Empty when
 * there is nothing to say.
 */
export function LiveStatus({ message, tone = 'success' }: { message: ReactNode; tone?: 'success' | 'info' }) {
  return (
    <div className={message ? `alert alert--${tone}` : 'visually-hidden'} role="status" aria-live="polite">
      {message}
    </div>
  );
}

export function Callout({ title, children, tone = 'info' }: { title: string; children: ReactNode; tone?: 'info' | 'warning' }) {
  return (
    <section className={`callout callout--${tone}`} aria-label={title}>
      <h2 className="callout__title">{title}</h2>
      <div className="callout__body">{children}</div>
    </section>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="loading__dot" aria-hidden="true" />
      {label}
    </p>
  );
}
