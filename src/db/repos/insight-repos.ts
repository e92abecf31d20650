import type { InsightRepos } from '../../app/insight/insight-ports.ts';
import { correlationReportRepo } from './correlation-report.repo.ts';
import { journalRepo } from './journal.repo.ts';
import { personProfileRepo } from './person-settings.repo.ts';
import { rollupReads } from './rollup-reads.repo.ts';

/** The repositories of insight (journal, the person's profile, correlation reports, cross-metric rollup reads). */
export const insightRepos: InsightRepos = {
  journal: journalRepo,
  profiles: personProfileRepo,
  correlationReports: correlationReportRepo,
  rollups: rollupReads,
};
