import type { PersonProfileRepo } from '../../app/insight/insight-ports.ts';
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

/** The person's birth year and sex, for population norms (insight's benchmarks). */
export const personProfileRepo: PersonProfileRepo = {
  async get(sql, userId) {
    const [row] = await sql.query<{ birthYear: number | null; sex: 'female' | 'male' | 'prefer_not_to_say' | null }>(
      'select birth_year as "birthYear", sex from users where id = $1',
      [userId],
    );
    return row;
  },
  async set(sql, userId, profile) {
    const rows = await sql.query('update users set birth_year = $2, sex = $3 where id = $1 returning id', [userId, profile.birthYear, profile.sex]);
    return rows.length === 1;
  },
};
