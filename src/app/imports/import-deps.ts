import type { IngestDeps } from '../ingest/ingest-deps.ts';
import type { BlobStore, FileImporters, ImportRepo } from '../ports.ts';

export interface ImportSettings {
  /** Largest file one import may upload. */
  maxBytes: number;
  /** Imports one person may start per hour. */
  perHour: number;
  /** Where the worker keeps a file while reading it (a zip needs random access). */
  workDir: string;
}

/** What file imports need beyond ingestion: where files wait, their readers, the imports table. */
export interface ImportDeps extends IngestDeps {
  imports: ImportRepo;
  blobs: BlobStore;
  importers: FileImporters;
  importSettings: ImportSettings;
}

export const IMPORT_JOB = 'import.run.v1';
/** Tries of an import job; a file the reader refuses fails at once, without retries. */
export const IMPORT_ATTEMPTS = 3;
