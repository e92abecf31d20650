import type { PersonSettingsRepo } from '../../app/ports.ts';

/** Settings of a person that hold in every tenant (the users row is theirs to update). */
export const personSettingsRepo: PersonSettingsRepo = {
  async timeZone(sql, userId) {
    const [row] = await sql.query<{ timeZone: string }>('select time_zone as "timeZone" from users where id = $1', [userId]);
    return row?.timeZone;
  },
  async setTimeZone(sql, userId, timeZone) {
    const rows = await sql.query('update users set time_zone = $2 where id = $1 returning id', [userId, timeZone]);
    return rows.length === 1;
  },
};
