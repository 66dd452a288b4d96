-- Freshness: when the organization itself last confirmed its listing (kept apart from
-- edits, updated_at, and from staff checks, the verification table), and each region's
-- policy from its region.json (freshness thresholds, reminder and verification periods).
alter table organization add column confirmed_at text;
alter table region add column policy text not null default '{}';
