import type { JournalEntryRecord, JournalRepo } from '../../app/insight/insight-ports.ts';
import type { CheckIn } from '../../domain/journal/check-in-series.ts';
import { iso } from './timestamps.ts';

const COLUMNS = `id, entry_date::text as date, text_sealed as "sealedText", mood, energy, stress, tags, emoji,
  created_at as "createdAt", updated_at as "updatedAt"`;

type Row = Omit<JournalEntryRecord, 'createdAt' | 'updatedAt'> & { createdAt: unknown; updatedAt: unknown };

const toRecord = (row: Row): JournalEntryRecord => ({ ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) });

export const journalRepo: JournalRepo = {
  async insert(sql, person, entry, at) {
    const [row] = await sql.query<Row>(
      `insert into journal_entries (id, tenant_id, user_id, entry_date, text_sealed, mood, energy, stress, tags, emoji, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       returning ${COLUMNS}`,
      [entry.id, person.tenantId, person.userId, entry.date, entry.sealedText, entry.mood, entry.energy, entry.stress, entry.tags, entry.emoji, at],
    );
    return toRecord(row!);
  },

  async get(sql, person, id) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from journal_entries where tenant_id = $1 and user_id = $2 and id = $3`, [person.tenantId, person.userId, id]);
    return row ? toRecord(row) : undefined;
  },

  async update(sql, person, id, fields, at) {
    const [row] = await sql.query<Row>(
      `update journal_entries
          set entry_date = $4, text_sealed = $5, mood = $6, energy = $7, stress = $8, tags = $9, emoji = $10, updated_at = $11
        where tenant_id = $1 and user_id = $2 and id = $3
       returning ${COLUMNS}`,
      [person.tenantId, person.userId, id, fields.date, fields.sealedText, fields.mood, fields.energy, fields.stress, fields.tags, fields.emoji, at],
    );
    return row ? toRecord(row) : undefined;
  },

  async delete(sql, person, id) {
    const rows = await sql.query('delete from journal_entries where tenant_id = $1 and user_id = $2 and id = $3 returning id', [person.tenantId, person.userId, id]);
    return rows.length > 0;
  },

  async page(sql, person, query) {
    const rows = await sql.query<Row>(
      `select ${COLUMNS} from journal_entries
        where tenant_id = $1 and user_id = $2
          and ($3::date is null or entry_date >= $3::date) and ($4::date is null or entry_date <= $4::date)
          and ($5::text is null or tags @> array[$5::text])
          and ($6::date is null or (entry_date, id) < ($6::date, $7::uuid))
        order by entry_date desc, id desc
        limit $8`,
      [person.tenantId, person.userId, query.from ?? null, query.to ?? null, query.tag ?? null, query.after?.date ?? null, query.after?.id ?? null, query.limit],
    );
    return rows.map(toRecord);
  },

  async checkIns(sql, person, from, to) {
    return sql.query<CheckIn>(
      `select entry_date::text as date, mood, energy, stress, tags from journal_entries
        where tenant_id = $1 and user_id = $2 and entry_date between $3 and $4
        order by entry_date`,
      [person.tenantId, person.userId, from, to],
    );
  },
};
