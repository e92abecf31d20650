import type { UserRepo } from '../../app/ports.ts';

export const userRepo: UserRepo = {
  async upsertByEmail(sql, user) {
    const rows = await sql.query<{ id: string; email: string; name: string }>(
      `insert into users (id, email, name) values ($1, $2, $3)
       on conflict (email) do update set email = excluded.email
       returning id, email, name`,
      [user.id, user.email.toLowerCase(), user.name],
    );
    return rows[0]!;
  },

  async findByEmail(sql, email) {
    const [row] = await sql.query<{ id: string; email: string; name: string }>('select id, email, name from users where email = $1', [email.trim().toLowerCase()]);
    return row;
  },
};
