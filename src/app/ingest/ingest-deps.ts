import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { IngestRepos, Logger, PubSub, Queue, SamplePartitions, TenantContext } from '../ports.ts';

export interface IngestSettings {
  /** Most samples one batch (a POST, or one call from an importer) may carry. */
  maxBatchSamples: number;
  /** Most batches a person may have waiting for normalization before new ones are turned away. */
  maxPendingBatches: number;
}

/** What the ingestion use cases need: the database and its repositories, the queue, pub/sub. */
export interface IngestDeps extends AppDeps {
  ingest: IngestRepos;
  partitions: SamplePartitions;
  queue: Queue;
  pubsub: PubSub;
  logger: Logger;
  settings: IngestSettings;
}

/** A tenant context that names the person acting (a request, or a job that names them). */
export type PersonContext = TenantContext & { userId: string };

export const NORMALIZE_JOB = 'ingest.normalize.v1';
export const RECOMPUTE_DAILY_JOB = 'ingest.recompute-daily.v1';
/** Tries of a normalization job; the last one that fails marks its batch failed. */
export const NORMALIZE_ATTEMPTS = 5;
/** The channel that hears about every stored batch (see src/contracts/events.ts). */
export const SAMPLES_INGESTED = 'samples.ingested';

export const notFound = () => new AppError('not_found', 'No such resource.');
