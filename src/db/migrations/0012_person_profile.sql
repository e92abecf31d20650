-- Insight (issue 6): the birth year and sex that population norms are published by, kept with
-- the time zone among a person's own settings (the users row is theirs to update). Both are
-- optional; 'prefer_not_to_say' is an answer, not a gap: benchmarks then say they are not
-- available. A year rather than a date: the norms come in age bands of ten or twenty years.
ALTER TABLE users ADD COLUMN birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2200);
ALTER TABLE users ADD COLUMN sex text CHECK (sex IN ('female', 'male', 'prefer_not_to_say'));
