-- Merging two records of one organization (staff, from the duplicates queue): the second
-- record keeps its row as status 'merged' with `merged_into`, so its old addresses redirect
-- permanently; its revisions move to the survivor and remember where they came from.
-- A pair staff marked as two different organizations leaves the duplicates queue.
alter table organization add column merged_into integer references organization (id);
create index organization_merged_into_idx on organization (merged_into) where merged_into is not null;
alter table revision add column merged_from integer;

create table duplicate_dismissal (
    region_id integer not null,
    low_id integer not null references organization (id) on delete cascade,
    high_id integer not null references organization (id) on delete cascade,
    account_id integer references account (id),
    created_at text not null,
    primary key (low_id, high_id)
);
