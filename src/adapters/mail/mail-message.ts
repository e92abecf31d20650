import { AppError } from '../../app/errors.ts';
import type { MailMessage } from '../../app/ports.ts';

/** One bare address: no display name, no list separators, no whitespace or quoting. */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,253}$/;
/** A sender as MAIL_FROM allows it: `address` or `Display Name <address>`. */
const FROM = /^(?:[^<>]*<([^<>]+)>|([^<>]+))$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 5322's line limit; a longer subject is a bug upstream, not something to fold silently. */
const MAX_SUBJECT = 998;

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function invalid(message: string, field: string): AppError {
  return new AppError('validation_failed', message, { field });
}

export function isMailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value) && !hasControlCharacter(value);
}

/** The configured sender; checked once when an adapter is built. */
export function assertValidFrom(from: string): void {
  const match = FROM.exec(from);
  const address = (match?.[1] ?? match?.[2] ?? '').trim();
  if (hasControlCharacter(from) || !isMailAddress(address)) {
    throw new Error(`mail sender ${JSON.stringify(from)} is not "address" or "Name <address>"`);
  }
}

/**
 * Refuses, rather than repairs, what could turn one message into another: several recipients
 * and line breaks (header injection) in the recipient or subject.
 */
export function assertValidMailMessage(message: MailMessage): void {
  if (typeof message.to !== 'string' || !isMailAddress(message.to)) {
    throw invalid('Mail goes to exactly one plain address (no names, lists or line breaks).', 'to');
  }
  if (typeof message.subject !== 'string' || message.subject.trim() === '' || hasControlCharacter(message.subject)) {
    throw invalid('Mail subject must be one non-empty line.', 'subject');
  }
  if (message.subject.length > MAX_SUBJECT) throw invalid(`Mail subject is longer than ${MAX_SUBJECT} characters.`, 'subject');
  if (typeof message.text !== 'string') throw invalid('Mail needs a text body.', 'text');
  if (message.html !== undefined && typeof message.html !== 'string') throw invalid('Mail html body must be a string.', 'html');
  if (message.tenantId !== undefined && !UUID.test(message.tenantId)) throw invalid('Mail tenantId must be a UUID.', 'tenantId');
}
