import type { LoggedDay, RollupReads } from '../../app/insight/insight-ports.ts';

/** Reads across a person's daily rollups (the daily_values table) that span metrics. */
export const rollupReads: RollupReads = {
  async loggedDays(sql, person, to) {
    return sql.query<LoggedDay>(
      `select local_date::text as date, case when bool_or(status = 'ok') then 'ok' else 'not_worn' end as status
         from daily_values
        where tenant_id = $1 and user_id = $2 and local_date <= $3
        group by local_date
        order by local_date`,
      [person.tenantId, person.userId, to],
    );
  },

  async latestDate(sql, person, metrics, to) {
    const [row] = await sql.query<{ date: string | null }>(
      `select max(local_date)::text as date from daily_values
        where tenant_id = $1 and user_id = $2 and metric = any($3::text[]) and local_date <= $4`,
      [person.tenantId, person.userId, metrics, to],
    );
    return row?.date ?? undefined;
  },
};
