import type { MonitoringRepos } from '../../app/monitoring/monitoring-ports.ts';
import { alertCommentRepo } from './alert-comment.repo.ts';
import { alertingRepo } from './alert-policy.repo.ts';
import { alertRepo } from './alert.repo.ts';
import { liveEventRepo } from './live-event.repo.ts';
import { preferenceRepo } from './notification-preference.repo.ts';
import { webhookRepo } from './notification-webhook.repo.ts';
import { notificationRepo } from './notification.repo.ts';
import { ruleReadingsRepo } from './rule-readings.repo.ts';
import { ruleStateRepo } from './rule-state.repo.ts';
import { ruleRepo } from './rule.repo.ts';

/** The repositories of monitoring (rules, their state, alerts, live events, notifications, the tenant's webhook). */
export const monitoringRepos: MonitoringRepos = {
  rules: ruleRepo,
  ruleStates: ruleStateRepo,
  readings: ruleReadingsRepo,
  alerts: alertRepo,
  comments: alertCommentRepo,
  liveEvents: liveEventRepo,
  notifications: notificationRepo,
  preferences: preferenceRepo,
  alerting: alertingRepo,
  webhooks: webhookRepo,
};
