import type { IngestDeps } from '../ingest/ingest-deps.ts';
import type { Cache, SecretBox } from '../ports.ts';
import type { AlertReads, InsightRepos } from './insight-ports.ts';

export interface InsightSettings {
  /** How long a computed dashboard is served from the cache at most; writes invalidate it sooner. */
  dashboardTtlMs: number;
  /** How long after new data lands its automatic correlation refresh runs (new data in the meantime joins it). */
  correlationRefreshDelayMs: number;
}

/** What the insight use cases need beyond ingestion: their repositories, the cache, the key ring. */
export interface InsightDeps extends IngestDeps {
  insight: InsightRepos;
  cache: Cache;
  secretBox: SecretBox;
  alerts: AlertReads;
  insightSettings: InsightSettings;
}

export const REFRESH_CORRELATIONS_JOB = 'insight.refresh-correlations.v1';
export const NIGHTLY_CORRELATIONS_JOB = 'insight.nightly-correlations.v1';
