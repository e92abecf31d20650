import type { IngestDeps } from '../ingest/ingest-deps.ts';
import type { SecretBox } from '../ports.ts';
import type { LiveFeed } from './live/live-feed.ts';
import type { MonitoringRepos, WebhookSender } from './monitoring-ports.ts';

export interface MonitoringSettings {
  /** An alert fired by a reading older than this (a backfill) is historical: recorded, nobody notified. */
  liveHorizonMs: number;
  /** How long live events are kept for streams resuming with Last-Event-ID. */
  liveEventRetentionMs: number;
  /** The longest a stream stays open before the client reconnects (and shows its token again). */
  streamMaxMs: number;
  /** Where links in mail point; read when the mail is written (a node learns its own address at start). */
  publicUrl(): string;
}

/** What the monitoring use cases need beyond ingestion. */
export interface MonitoringDeps extends IngestDeps {
  monitoring: MonitoringRepos;
  /** Seals the tenants' webhook secrets. */
  secretBox: SecretBox;
  webhookSender: WebhookSender;
  /** This node's stream connections. */
  live: LiveFeed;
  monitoringSettings: MonitoringSettings;
}

export const EVALUATE_RULES_JOB = 'rules.evaluate.v1';
export const NOTIFY_ALERT_JOB = 'alerts.notify.v1';
export const DELIVER_WEBHOOK_JOB = 'notifications.webhook.v1';
/** Every few minutes: queues the notifications of alerts that still owe them. */
export const DISPATCH_NOTIFICATIONS_JOB = 'alerts.dispatch-owed.v1';
export const DAILY_SUMMARY_JOB = 'notifications.daily-summary.v1';
export const PRUNE_LIVE_EVENTS_JOB = 'monitoring.prune-live-events.v1';
/** The channel that tells every node's stream connections that a tenant's live event log grew. */
export const LIVE_EVENTS_CHANNEL = 'monitoring.live';
