-- Synonyms of taxonomy terms as people write them in lists ("пенсионеры" → elderly,
-- "АНО" → ano), a JSON array; and, for legal forms, the organization kind they imply.
alter table taxonomy_term add column synonyms text not null default '[]';
alter table taxonomy_term add column implies_kind text;
