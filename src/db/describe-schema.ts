import type { Database } from './database.ts';

/**
 * A stable text description of the public schema: tables and columns, constraints, indexes,
 * row-level security and policies, triggers. Compared against a committed snapshot so a
 * migration that changes more than intended shows up in review.
 */
export async function describeSchema(db: Database): Promise<string> {
  return db.transaction(async (sql) => {
    const sections: Array<[string, string]> = [
      [
        'columns',
        `select c.table_name || '.' || c.column_name || ' ' || c.data_type ||
                case when c.is_nullable = 'NO' then ' not null' else '' end ||
                coalesce(' default ' || c.column_default, '') as line
         from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by 1`,
      ],
      [
        'constraints',
        `select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
         from pg_constraint where connamespace = 'public'::regnamespace and contype <> 'n' order by 1`,
      ],
      ['indexes', `select indexdef as line from pg_indexes where schemaname = 'public' order by 1`],
      [
        'row level security',
        `select relname || case when relrowsecurity then ' enabled' else ' disabled' end ||
                case when relforcerowsecurity then ' forced' else '' end as line
         from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1`,
      ],
      [
        'policies',
        `select tablename || ' ' || policyname || ' ' || cmd || ' to ' || array_to_string(roles, ',') ||
                coalesce(' using ' || qual, '') || coalesce(' check ' || with_check, '') as line
         from pg_policies where schemaname = 'public' order by 1`,
      ],
      [
        'triggers',
        `select event_object_table || ' ' || trigger_name || ' ' || action_timing || ' ' || event_manipulation as line
         from information_schema.triggers where trigger_schema = 'public' order by 1`,
      ],
    ];
    const out: string[] = [];
    for (const [title, query] of sections) {
      const rows = await sql.query<{ line: string }>(query);
      out.push(`## ${title}`, ...rows.map((r) => r.line), '');
    }
    return out.join('\n');
  });
}
