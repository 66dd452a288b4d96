-- The change log behind GET /api/v1/changes: one row each time an organization is created,
-- saved, published, unpublished, archived, restored or merged (any update of its row) and
-- each time staff check it, with its status at that moment. Triggers write it, so no path
-- that changes an organization can forget to. `seq` orders the log and is the feed's cursor.
create table change_log (
    seq integer primary key autoincrement,
    organization_id integer not null references organization (id) on delete cascade,
    region_id integer not null,
    status text not null,
    at text not null
);
create index change_log_region_seq_idx on change_log (region_id, seq);
create index change_log_organization_idx on change_log (organization_id, status);

create trigger change_log_organization_insert after insert on organization
begin
    insert into change_log (organization_id, region_id, status, at)
    values (new.id, new.region_id, new.status, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
end;

create trigger change_log_organization_update after update on organization
begin
    insert into change_log (organization_id, region_id, status, at)
    values (new.id, new.region_id, new.status, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
end;

create trigger change_log_verification_insert after insert on verification
begin
    insert into change_log (organization_id, region_id, status, at)
    select o.id, o.region_id, o.status, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    from organization o where o.id = new.organization_id;
end;

-- What is already there: one row per organization at its last edit, oldest first.
insert into change_log (organization_id, region_id, status, at)
select id, region_id, status, updated_at from organization order by updated_at, id;
