-- Photos of an organization's events, its history on its page. Kept by the event's lasting
-- uid, so they survive the saves that rewrite the event rows; a photo whose event left the
-- list is deleted by housekeeping with its files. Files live under <data>/uploads/events/:
-- `file` is the large one; the small one has "-s" before the extension.
create table event_photo (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    event_uid text not null,
    file text not null,
    caption text not null default '',
    created_by integer references account(id) on delete set null,
    created_at text not null,
    updated_at text not null
);
create index event_photo_event_idx on event_photo (organization_id, event_uid);
