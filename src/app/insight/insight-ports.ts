import type { BenchmarkProfile, CorrelationFinding } from '../../domain/analytics/index.ts';
import type { CheckIn } from '../../domain/journal/check-in-series.ts';
import type { PersonRef, Sql } from '../ports.ts';

// The repositories of insight: the journal, stored correlation reports, and the reads of the
// daily rollups that the ingestion repository does not offer. Each runs in the transaction it
// is handed; row-level security scopes it to the person (journal: only the person).

/** A journal entry as stored: the text sealed by the key ring. */
export interface JournalEntryRecord {
  id: string;
  date: string;
  sealedText: string | null;
  mood: number | null;
  energy: number | null;
  stress: number | null;
  tags: string[];
  emoji: string | null;
  createdAt: string;
  updatedAt: string;
}

export type JournalFields = Pick<JournalEntryRecord, 'date' | 'sealedText' | 'mood' | 'energy' | 'stress' | 'tags' | 'emoji'>;

/** Newest first: by date, then id. */
export interface JournalPosition {
  date: string;
  id: string;
}

export interface JournalPageQuery {
  /** Dates, both included. */
  from?: string;
  to?: string;
  tag?: string;
  after?: JournalPosition;
  limit: number;
}

export interface JournalRepo {
  insert(sql: Sql, person: PersonRef, entry: JournalFields & { id: string }, at: Date): Promise<JournalEntryRecord>;
  get(sql: Sql, person: PersonRef, id: string): Promise<JournalEntryRecord | undefined>;
  /** Undefined when there is no such entry of the person. */
  update(sql: Sql, person: PersonRef, id: string, fields: JournalFields, at: Date): Promise<JournalEntryRecord | undefined>;
  delete(sql: Sql, person: PersonRef, id: string): Promise<boolean>;
  page(sql: Sql, person: PersonRef, query: JournalPageQuery): Promise<JournalEntryRecord[]>;
  /** The check-in fields and tags of [from, to], without the text. */
  checkIns(sql: Sql, person: PersonRef, from: string, to: string): Promise<CheckIn[]>;
}

export interface CorrelationReportRecord {
  version: string;
  computedAt: string;
  dataFrom: string | null;
  dataTo: string | null;
  findings: CorrelationFinding[];
  skippedCount: number;
}

/** Which stored reports a refresh would change: computed before a time, and either of another version or older than the person's data. */
export interface StaleReportQuery {
  computedBefore: Date;
  version: string;
  /** Keyset paging over (tenant, person). */
  after?: PersonRef;
  limit: number;
}

export interface CorrelationReportRepo {
  get(sql: Sql, person: PersonRef): Promise<CorrelationReportRecord | undefined>;
  /** Every tenant's (a system read): the people whose report is stale, ordered by tenant and person. */
  stale(sql: Sql, query: StaleReportQuery): Promise<PersonRef[]>;
  /** Replaces the person's report. */
  save(sql: Sql, person: PersonRef, report: CorrelationReportRecord): Promise<void>;
}

/** One local day of a person across every metric: `ok` when any metric counted that day. */
export interface LoggedDay {
  date: string;
  status: 'ok' | 'not_worn';
}

export interface RollupReads {
  /** Every day up to `to` with any daily value, ascending. */
  loggedDays(sql: Sql, person: PersonRef, to: string): Promise<LoggedDay[]>;
  /** The latest day up to `to` with a value of one of `metrics`. */
  latestDate(sql: Sql, person: PersonRef, metrics: readonly string[], to: string): Promise<string | undefined>;
}

/** The birth year and sex population norms are published by: the person's own, in every tenant (the users row). */
export interface PersonProfileRepo {
  /** Undefined when the person is not readable here. */
  get(sql: Sql, userId: string): Promise<BenchmarkProfile | undefined>;
  /** False when the row is not the caller's own. */
  set(sql: Sql, userId: string, profile: BenchmarkProfile): Promise<boolean>;
}

export interface InsightRepos {
  journal: JournalRepo;
  profiles: PersonProfileRepo;
  correlationReports: CorrelationReportRepo;
  rollups: RollupReads;
}

/** What insight reads of monitoring's alerts, in the transaction it is handed. */
export interface AlertReads {
  /** The person's alerts not resolved yet (open or acknowledged), as the dashboard counts them. */
  countOpen(sql: Sql, person: PersonRef): Promise<number>;
}
