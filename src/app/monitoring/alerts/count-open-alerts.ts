import type { PersonRef } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';

/** The person's alerts still open or acknowledged (what a dashboard's "open alerts" shows), read as the person. */
export function countOpenAlerts(deps: Pick<MonitoringDeps, 'tx' | 'monitoring'>, person: PersonRef): Promise<number> {
  return deps.tx.withTenant(person, (sql) => deps.monitoring.alerts.countUnresolved(sql, person));
}
