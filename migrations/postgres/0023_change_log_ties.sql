-- A tie that starts or ends changes both organizations' search documents (the «Попутчики»
-- facet): log both, so every instance's search follows, as it does for verifications.
-- And every change-log entry wakes the instances' search watchers at once (LISTEN
-- poputchiki_change; the payload is the region id), instead of at their next poll.
create function change_log_from_partnership() returns trigger language plpgsql as $$
begin
    insert into change_log (organization_id, region_id, status, at)
    select o.id, o.region_id, o.status,
           to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    from organization o where o.id in (new.from_org, new.to_org);
    return null;
end $$;

create trigger change_log_partnership_insert after insert on partnership
    for each row execute function change_log_from_partnership();

create trigger change_log_partnership_update after update of status on partnership
    for each row execute function change_log_from_partnership();

create function change_log_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('poputchiki_change', new.region_id::text);
    return null;
end $$;

create trigger change_log_notify after insert on change_log
    for each row execute function change_log_notify();
