import type { LiveEvent, LiveEventRepo } from '../../app/monitoring/monitoring-ports.ts';

export const liveEventRepo: LiveEventRepo = {
  async append(sql, tenantId, events, at) {
    if (events.length === 0) return liveEventRepo.lastSeq(sql, tenantId);
    // The counter row stays locked until the transaction commits: seqs commit in their order.
    const [row] = await sql.query<{ lastSeq: number }>(
      `with counter as (
         insert into live_event_counters (tenant_id, last_seq) values ($1, $2)
         on conflict (tenant_id) do update set last_seq = live_event_counters.last_seq + excluded.last_seq
         returning last_seq),
       appended as (
         insert into live_events (tenant_id, seq, user_id, kind, payload, created_at)
         select $1, counter.last_seq - $2 + e.ord, e.user_id, e.kind, e.payload::jsonb, $3
           from counter, unnest($4::uuid[], $5::text[], $6::text[]) with ordinality as e (user_id, kind, payload, ord))
       select last_seq::float8 as "lastSeq" from counter`,
      [tenantId, events.length, at, events.map((e) => e.userId), events.map((e) => e.kind), events.map((e) => JSON.stringify(e.payload))],
    );
    return row!.lastSeq;
  },

  async after(sql, tenantId, afterSeq, limit) {
    return sql.query<LiveEvent>(
      `select seq::float8 as seq, user_id as "userId", kind, payload from live_events
        where tenant_id = $1 and seq > $2 order by seq limit $3`,
      [tenantId, afterSeq, limit],
    );
  },

  async lastSeq(sql, tenantId) {
    const [row] = await sql.query<{ lastSeq: number }>('select last_seq::float8 as "lastSeq" from live_event_counters where tenant_id = $1', [tenantId]);
    return row?.lastSeq ?? 0;
  },

  async prune(sql, before) {
    const [row] = await sql.query<{ count: number }>('with gone as (delete from live_events where created_at < $1 returning 1) select count(*)::int as count from gone', [before]);
    return row?.count ?? 0;
  },
};
