import type { IngestRepos } from '../../app/ports.ts';
import { dailyValueRepo } from './daily-value.repo.ts';
import { healthAccessRepo } from './health-access.repo.ts';
import { personSettingsRepo } from './person-settings.repo.ts';
import { rawPayloadRepo } from './raw-payload.repo.ts';
import { sampleRepo } from './sample.repo.ts';
import { sourcePriorityRepo } from './source-priority.repo.ts';

/** The repositories of ingestion (samples, daily values, sources, raw payloads). */
export const ingestRepos: IngestRepos = {
  rawPayloads: rawPayloadRepo,
  samples: sampleRepo,
  dailyValues: dailyValueRepo,
  sourcePriorities: sourcePriorityRepo,
  people: personSettingsRepo,
  access: healthAccessRepo,
};
