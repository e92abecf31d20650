/**
 * BullMQ refuses custom job ids that contain ':' or read as an integer (those are its own
 * counter ids). Callers may use any string (`normalize:<rawId>`), so ids are percent-escaped on
 * the way in and unescaped on the way out. Every '%' is escaped too, which makes the mapping
 * one-to-one; BullMQ's counter ids pass through unchanged.
 */
export function toBullmqId(jobId: string): string {
  const escaped = jobId.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
  return /^-?\d+$/.test(escaped) ? `%${escaped.charCodeAt(0).toString(16).toUpperCase()}${escaped.slice(1)}` : escaped;
}

export function fromBullmqId(bullmqId: string): string {
  return bullmqId.includes('%') ? decodeURIComponent(bullmqId) : bullmqId;
}
