import { useCallback, useState } from 'react';
import { ApiError, describeError } from '../api/errors.ts';

/** How a failed action is shown: the message to display, or null to show none. */
export type FailureMessage = (caught: unknown) => string | null;

/**
 * One user action at a time (a form's submit, a button's click): busy while it runs, and its
 * failure turned into a readable message (by default the API's own explanation).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<void>, failureMessage: FailureMessage = describeError) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** The API's explanation, with a validation answer's messages per field handed to the form. */
export function withFieldErrors(showFieldErrors: (byField: Record<string, string>) => void): FailureMessage {
  return (caught) => {
    if (caught instanceof ApiError) showFieldErrors(caught.fieldErrors());
    return describeError(caught);
  };
}
