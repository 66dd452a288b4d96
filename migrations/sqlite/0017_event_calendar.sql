-- The regional events calendar (/events) and its iCal feeds.
-- An event keeps one UID for its whole life (the edit form carries it through a save), so
-- calendars that subscribed update the event instead of adding a second one. It may take a
-- registration link or "by phone", may run online, and keeps a short report afterwards.
alter table event add column uid text not null default '';
alter table event add column registration_url text not null default '';
alter table event add column registration_phone integer not null default 0;
alter table event add column online integer not null default 0;
alter table event add column report text not null default '';
update event set uid = lower(hex(randomblob(16))) where uid = '';
-- The calendar reads the region's events by date.
create index event_starts_idx on event (starts_at);
-- The region's time zone, for the feeds: {"name": "Asia/Yekaterinburg", "utc_offset": "+05:00"}.
alter table region add column timezone text not null default '';
