import type { SealedSet } from '../../app/keys/rotate-keys.ts';
import type { DeliveryRecord, WebhookConfig, WebhookRepo } from '../../app/monitoring/monitoring-ports.ts';
import { webhookSecretAad } from '../../app/monitoring/notifications/webhook-signature.ts';
import { iso, isoOrNull } from './timestamps.ts';

type ConfigRow = Omit<WebhookConfig, 'createdAt' | 'updatedAt'> & { createdAt: unknown; updatedAt: unknown };
const toConfig = (row: ConfigRow): WebhookConfig => ({ ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) });
const CONFIG = `url, secret_sealed as "secretSealed", min_severity as "minSeverity", enabled, created_at as "createdAt", updated_at as "updatedAt"`;

type DeliveryRow = Omit<DeliveryRecord, 'createdAt' | 'deliveredAt'> & { createdAt: unknown; deliveredAt: unknown };
const toDelivery = (row: DeliveryRow): DeliveryRecord => ({ ...row, createdAt: iso(row.createdAt), deliveredAt: isoOrNull(row.deliveredAt) });
const DELIVERY = `id, tenant_id as "tenantId", alert_id as "alertId", event, url, payload, state, attempts, response_status as "responseStatus",
  last_error as "lastError", created_at as "createdAt", delivered_at as "deliveredAt"`;

/** The tenant's webhook (admins) and its delivery log (written by the delivering job as the system). */
export const webhookRepo: WebhookRepo = {
  async get(sql, tenantId) {
    const [row] = await sql.query<ConfigRow>(`select ${CONFIG} from alert_webhooks where tenant_id = $1`, [tenantId]);
    return row ? toConfig(row) : undefined;
  },

  async save(sql, tenantId, config, at) {
    const [row] = await sql.query<ConfigRow>(
      `insert into alert_webhooks (tenant_id, url, secret_sealed, min_severity, enabled, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $6)
       on conflict (tenant_id) do update
         set url = excluded.url, secret_sealed = excluded.secret_sealed, min_severity = excluded.min_severity,
             enabled = excluded.enabled, updated_at = excluded.updated_at
       returning ${CONFIG}`,
      [tenantId, config.url, config.secretSealed, config.minSeverity, config.enabled, at],
    );
    return toConfig(row!);
  },

  async delete(sql, tenantId) {
    const rows = await sql.query('delete from alert_webhooks where tenant_id = $1 returning tenant_id', [tenantId]);
    return rows.length === 1;
  },

  async deliveries(sql, tenantId, query) {
    const rows = await sql.query<DeliveryRow>(
      `select ${DELIVERY} from webhook_deliveries where tenant_id = $1 and ($2::uuid is null or id < $2) order by id desc limit $3`,
      [tenantId, query.before ?? null, query.limit],
    );
    return rows.map(toDelivery);
  },

  async createDelivery(sql, delivery, at) {
    // The no-op update makes a conflicting insert return the stored row.
    const [row] = await sql.query<Pick<DeliveryRecord, 'id' | 'state'>>(
      `insert into webhook_deliveries (id, tenant_id, alert_id, event, url, payload, state, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, 'pending', $7, $7)
       on conflict (tenant_id, alert_id, event) do update set updated_at = webhook_deliveries.updated_at
       returning id, state`,
      [delivery.id, delivery.tenantId, delivery.alertId, delivery.event, delivery.url, delivery.payload, at],
    );
    return row!;
  },

  async delivery(sql, id) {
    const [row] = await sql.query<DeliveryRow>(`select ${DELIVERY} from webhook_deliveries where id = $1`, [id]);
    return row ? toDelivery(row) : undefined;
  },

  async recordAttempt(sql, id, outcome, at) {
    await sql.query(
      `update webhook_deliveries
          set url = $2, state = $3::text, attempts = attempts + 1, response_status = $4, last_error = $5, updated_at = $6::timestamptz,
              delivered_at = case when $3::text = 'delivered' then $6::timestamptz end
        where id = $1`,
      [id, outcome.url, outcome.state, outcome.responseStatus ?? null, outcome.error?.slice(0, 500) ?? null, at],
    );
  },
};

/** The tenants' webhook signing secrets, for `vitalis keys rotate`; position: the tenant id. */
export const webhookSecretSet: SealedSet = {
  name: 'webhook secrets',
  async page(sql, after, limit) {
    const rows = await sql.query<{ tenantId: string; sealed: string }>(
      `select tenant_id as "tenantId", secret_sealed as sealed from alert_webhooks where ($1::uuid is null or tenant_id > $1) order by tenant_id limit $2`,
      [after ?? null, limit],
    );
    return rows.map((row) => ({ position: row.tenantId, sealed: row.sealed, aad: webhookSecretAad(row.tenantId) }));
  },
  async replace(sql, item, resealed) {
    const rows = await sql.query('update alert_webhooks set secret_sealed = $3 where tenant_id = $1 and secret_sealed = $2 returning tenant_id', [item.position, item.sealed, resealed]);
    return rows.length === 1;
  },
};
