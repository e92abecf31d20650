import type { ActionType, Baseline, RuleCondition, RuleContext, RuleStreamSnapshot, Severity } from '../../domain/rules/index.ts';
import type { PersonRef, Sql } from '../ports.ts';

// The repositories of monitoring. Each runs in the transaction it is handed; row-level security
// scopes it (see 0009_monitoring.sql): rules by role and scope, alerts and live events to the
// people who watch the person they are about, inbox and preferences to their owner.

// ---------------------------------------------------------------- rules

export interface RuleRecord {
  id: string;
  tenantId: string;
  name: string;
  condition: RuleCondition;
  context: RuleContext | null;
  actionType: ActionType;
  severity: Severity;
  /** One person, one care team (named by its clinician), or neither: the whole tenant. */
  scopeUserId: string | null;
  scopeTeamId: string | null;
  cooldownMinutes: number;
  autoResolve: boolean;
  enabled: boolean;
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type RuleFields = Pick<
  RuleRecord,
  'name' | 'condition' | 'context' | 'actionType' | 'severity' | 'scopeUserId' | 'scopeTeamId' | 'cooldownMinutes' | 'autoResolve' | 'enabled'
>;

export interface RuleRepo {
  insert(sql: Sql, tenantId: string, rule: RuleFields & { id: string; createdBy: string }, at: Date): Promise<RuleRecord>;
  get(sql: Sql, tenantId: string, id: string): Promise<RuleRecord | undefined>;
  /** Every rule the caller may read, oldest first. */
  list(sql: Sql, tenantId: string): Promise<RuleRecord[]>;
  /** Replaces the fields and bumps the revision; undefined when there is no such rule (for the caller). */
  update(sql: Sql, tenantId: string, id: string, fields: RuleFields, at: Date): Promise<RuleRecord | undefined>;
  delete(sql: Sql, tenantId: string, id: string): Promise<boolean>;
  /** The enabled rules watching the person's `metrics`: the tenant's, their care teams', their own. */
  watching(sql: Sql, person: PersonRef, metrics: readonly string[]): Promise<RuleRecord[]>;
}

// ---------------------------------------------------------------- evaluation

/** Where one person's rules of one metric left off. */
export interface RuleState {
  metric: string;
  snapshot: RuleStreamSnapshot;
  /** The baseline relative thresholds were computed from, and the UTC date it was computed. */
  baseline?: Baseline;
  baselineDate?: string;
}

export interface RuleStateRepo {
  /** Serializes the evaluations of one person's rules until the transaction ends. */
  lockPerson(sql: Sql, person: PersonRef): Promise<void>;
  get(sql: Sql, person: PersonRef, metrics: readonly string[]): Promise<Map<string, RuleState>>;
  save(sql: Sql, person: PersonRef, states: readonly RuleState[], at: Date): Promise<void>;
}

/** A stored sample as the rules read it: epoch ms of its start, its value, the local offset then. */
export interface Reading {
  t: number;
  value: number;
  utcOffsetMinutes: number;
  source: string;
}

export interface ReadingQuery {
  metric: string;
  /** Epoch ms, inclusive unless `fromExclusive`. */
  from: number;
  fromExclusive: boolean;
  /** Epoch ms, inclusive. */
  to: number;
  /** Keyset paging: after this (start, source). */
  after?: { t: number; source: string };
  limit: number;
}

/** A span of time with a value over it (a sleep stage, an interval of steps), epoch ms. */
export interface TimedSpan {
  start: number;
  end: number;
  value: number;
}

export interface RuleReadingsRepo {
  /** One metric's readings, ordered by (start, source). */
  readings(sql: Sql, person: PersonRef, query: ReadingQuery): Promise<Reading[]>;
  /** Sleep (stages that count as asleep, and sleep sessions) overlapping [from, to]. */
  sleepSpans(sql: Sql, person: PersonRef, from: number, to: number): Promise<TimedSpan[]>;
  /** Step counts overlapping [from, to]. */
  stepSpans(sql: Sql, person: PersonRef, from: number, to: number): Promise<TimedSpan[]>;
  /** Mean and sample SD of a metric's readings in [from, to), and on how many readings and local days. */
  baseline(sql: Sql, person: PersonRef, metric: string, from: number, to: number): Promise<{ mean: number; sd: number; count: number; days: number } | undefined>;
}

// ---------------------------------------------------------------- alerts

export type AlertState = 'open' | 'acknowledged' | 'resolved';
export type Resolution = 'manual' | 'condition_cleared' | 'historical';
export type ClearReason = 'condition_cleared' | 'data_gap';

/** The readings behind an alert, times in epoch ms (as the engine gives them). */
export interface StoredEvidence {
  from: number;
  to: number;
  sampleCount: number;
  samples: Array<{ t: number; value: number }>;
}

export interface AlertRecord {
  id: string;
  tenantId: string;
  userId: string;
  ruleId: string;
  ruleName: string;
  actionType: ActionType;
  alertKey: string;
  metric: string;
  severity: Severity;
  state: AlertState;
  historical: boolean;
  openedAt: string;
  evidence: StoredEvidence;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: Resolution | null;
  clearedAt: string | null;
  clearReason: ClearReason | null;
  recordedAt: string;
  /** A live alert owes people their notifications until the notification job has handed them all on. */
  notifyPending: boolean;
}

export type NewAlert = Pick<
  AlertRecord,
  'id' | 'tenantId' | 'userId' | 'ruleId' | 'ruleName' | 'actionType' | 'alertKey' | 'metric' | 'severity' | 'state' | 'historical' | 'evidence' | 'resolution' | 'notifyPending'
> & { recordedAt: Date };

/** A live alert whose notifications are not all handed on yet. */
export interface OwedNotification {
  tenantId: string;
  userId: string;
  alertId: string;
}

export interface AlertFilter {
  state?: AlertState;
  severity?: Severity;
  userId?: string;
  before?: string;
  limit?: number;
}

/** A change of an alert's lifecycle; applied only from the states in `from`. */
export interface AlertTransition {
  from: readonly AlertState[];
  to: AlertState;
  by: string | null;
  at: Date;
  resolution?: Resolution;
}

export interface AlertRepo {
  /** Undefined when an alert with its key was stored before (the job ran again). */
  insert(sql: Sql, alert: NewAlert): Promise<AlertRecord | undefined>;
  /** An alert the caller may see. */
  get(sql: Sql, tenantId: string, id: string): Promise<AlertRecord | undefined>;
  byKey(sql: Sql, tenantId: string, alertKey: string): Promise<AlertRecord | undefined>;
  /** The alerts the caller may see, newest first. */
  list(sql: Sql, tenantId: string, filter: AlertFilter): Promise<AlertRecord[]>;
  countsBySeverity(sql: Sql, tenantId: string, filter: AlertFilter): Promise<Partial<Record<Severity, number>>>;
  /** Open or acknowledged alerts of one person. */
  countUnresolved(sql: Sql, person: PersonRef): Promise<number>;
  /**
   * True when an alert of the rule for the person covers the episode [from, to] (its own episode,
   * from its first reading to where it ended, overlaps it) or fired within `cooldownMs` of `to`.
   */
  existsNear(sql: Sql, person: PersonRef, ruleId: string, from: number, to: number, cooldownMs: number): Promise<boolean>;
  /** Undefined when the alert is not in one of `transition.from` (or not visible). */
  transition(sql: Sql, tenantId: string, id: string, transition: AlertTransition): Promise<AlertRecord | undefined>;
  markCleared(sql: Sql, tenantId: string, id: string, at: number, reason: ClearReason, updatedAt: Date): Promise<void>;
  /** The person's alerts that still owe notifications, oldest first. */
  owedNotifications(sql: Sql, person: PersonRef): Promise<OwedNotification[]>;
  /** Every tenant's alerts recorded before `recordedBefore` that still owe notifications, by id after `after` (a system read, for the sweeps). */
  owedNotificationsEverywhere(sql: Sql, query: { recordedBefore: Date; after?: string; limit: number }): Promise<OwedNotification[]>;
  /** The alert's notifications are all handed on. */
  markNotified(sql: Sql, tenantId: string, id: string): Promise<void>;
  /** Alerts the caller may see recorded since `since`, newest first. */
  recordedSince(sql: Sql, tenantId: string, since: Date, limit: number): Promise<AlertRecord[]>;
}

export interface CommentRecord {
  id: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface AlertCommentRepo {
  insert(sql: Sql, alert: Pick<AlertRecord, 'id' | 'tenantId' | 'userId'>, comment: { id: string; authorId: string; body: string }, at: Date): Promise<CommentRecord>;
  list(sql: Sql, tenantId: string, alertId: string): Promise<CommentRecord[]>;
}

// ---------------------------------------------------------------- live events

export type LiveEventKind = 'alert.opened' | 'alert.updated' | 'data.ingested';

/** An event about one person, for whoever watches them. */
export interface NewLiveEvent {
  userId: string;
  kind: LiveEventKind;
  payload: Record<string, unknown>;
}

export interface LiveEvent extends NewLiveEvent {
  seq: number;
}

export interface LiveEventRepo {
  /** Appends in order and returns the last seq; the tenant's counter stays locked until the transaction ends. */
  append(sql: Sql, tenantId: string, events: readonly NewLiveEvent[], at: Date): Promise<number>;
  /** The events after `afterSeq` the caller may see, oldest first. */
  after(sql: Sql, tenantId: string, afterSeq: number, limit: number): Promise<LiveEvent[]>;
  /** The tenant's newest seq (0 before any event). */
  lastSeq(sql: Sql, tenantId: string): Promise<number>;
  /** Every tenant's events older than `before` (a system write); returns how many went. */
  prune(sql: Sql, before: Date): Promise<number>;
}

// ---------------------------------------------------------------- notifications

export interface NotificationRecord {
  id: string;
  alertId: string | null;
  severity: Severity;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationRepo {
  /** False when the person has this alert's notification already. */
  insert(sql: Sql, person: PersonRef, notification: Omit<NotificationRecord, 'createdAt' | 'readAt'>, at: Date): Promise<boolean>;
  page(sql: Sql, person: PersonRef, query: { unread?: boolean; before?: string; limit: number }): Promise<NotificationRecord[]>;
  unreadCount(sql: Sql, person: PersonRef): Promise<number>;
  exists(sql: Sql, person: PersonRef, id: string): Promise<boolean>;
  /** Marks the given ones (all unread when `ids` is absent) read; returns how many changed. */
  markRead(sql: Sql, person: PersonRef, ids: readonly string[] | undefined, at: Date): Promise<number>;
}

/** How a person wants to hear about alerts (times are local, in their time zone). */
export interface NotificationPreferences {
  inApp: Severity[];
  email: Severity[];
  quietHours: { from: string; to: string } | null;
  criticalBreaksQuietHours: boolean;
  dailySummaryAt: string | null;
}

export interface PreferenceRepo {
  get(sql: Sql, person: PersonRef): Promise<NotificationPreferences | undefined>;
  save(sql: Sql, person: PersonRef, preferences: NotificationPreferences, at: Date): Promise<void>;
}

/** Someone to notify, as any member of the tenant may read them. */
export interface Recipient {
  userId: string;
  email: string;
  name: string;
  timeZone: string;
}

export interface AlertingRepo {
  onCall(sql: Sql, tenantId: string): Promise<string[]>;
  /** Replaces the on-call list (admins). */
  setOnCall(sql: Sql, tenantId: string, userIds: readonly string[]): Promise<void>;
  criticalBreaksQuietHours(sql: Sql, tenantId: string): Promise<boolean>;
  setCriticalBreaksQuietHours(sql: Sql, tenantId: string, value: boolean, at: Date): Promise<void>;
  /** The clinicians with the person on their care team. */
  careTeamOf(sql: Sql, person: PersonRef): Promise<string[]>;
  /** Members of the tenant, by id (those who are not are left out). */
  recipients(sql: Sql, tenantId: string, userIds: readonly string[]): Promise<Recipient[]>;
}

// ---------------------------------------------------------------- the tenant's webhook

export interface WebhookConfig {
  url: string;
  secretSealed: string;
  minSeverity: Severity;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryRecord {
  id: string;
  tenantId: string;
  alertId: string | null;
  event: 'alert.opened';
  url: string;
  payload: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhookRepo {
  get(sql: Sql, tenantId: string): Promise<WebhookConfig | undefined>;
  save(sql: Sql, tenantId: string, config: Pick<WebhookConfig, 'url' | 'secretSealed' | 'minSeverity' | 'enabled'>, at: Date): Promise<WebhookConfig>;
  delete(sql: Sql, tenantId: string): Promise<boolean>;
  /** The delivery log, newest first (admins). */
  deliveries(sql: Sql, tenantId: string, query: { before?: string; limit: number }): Promise<DeliveryRecord[]>;
  // System reads and writes of the delivering job:
  /** The alert's delivery: this one, or the one stored before (the fan-out ran again). */
  createDelivery(sql: Sql, delivery: Pick<DeliveryRecord, 'id' | 'tenantId' | 'alertId' | 'event' | 'url' | 'payload'>, at: Date): Promise<Pick<DeliveryRecord, 'id' | 'state'>>;
  delivery(sql: Sql, id: string): Promise<DeliveryRecord | undefined>;
  recordAttempt(sql: Sql, id: string, outcome: { url: string; state: DeliveryRecord['state']; responseStatus?: number; error?: string }, at: Date): Promise<void>;
}

/** Posts a signed webhook body; resolves with the HTTP status, rejects when nothing came back. */
export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }>;
}

export interface MonitoringRepos {
  rules: RuleRepo;
  ruleStates: RuleStateRepo;
  readings: RuleReadingsRepo;
  alerts: AlertRepo;
  comments: AlertCommentRepo;
  liveEvents: LiveEventRepo;
  notifications: NotificationRepo;
  preferences: PreferenceRepo;
  alerting: AlertingRepo;
  webhooks: WebhookRepo;
}
