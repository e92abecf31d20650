import { evaluatePersonRules } from '../../app/monitoring/evaluation/evaluate-person-rules.ts';
import type { MonitoringDeps } from '../../app/monitoring/monitoring-deps.ts';
import type { JobHandler } from '../../app/ports.ts';
import { jobs } from '../../contracts/jobs.ts';

/** Runs one person's rules over a stored batch. */
export function evaluateRulesProcessor(deps: MonitoringDeps): JobHandler {
  return async (job) => {
    await evaluatePersonRules(deps, jobs['rules.evaluate.v1'].parse(job.payload));
  };
}
