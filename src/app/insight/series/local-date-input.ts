import { epochDay } from '../../../domain/analytics/index.ts';
import { AppError } from '../../errors.ts';

/** A `YYYY-MM-DD` a client sent, checked to be a real calendar day; else a 400 naming the field. */
export function localDateInput(text: string, field: string): string {
  try {
    epochDay(text);
    return text;
  } catch {
    throw new AppError('validation_failed', `${field} is not a calendar date (YYYY-MM-DD): ${text}`);
  }
}
