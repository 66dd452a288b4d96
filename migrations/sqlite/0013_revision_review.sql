-- Significant edits (name, ИНН/ОГРН, location) to recently approved organizations are
-- published at once and wait for a staff look: '' (nothing to review), 'pending',
-- 'accepted' or 'reverted'.
alter table revision add column review text not null default '';
