-- A tie that starts or ends changes both organizations' search documents (the «Попутчики»
-- facet): log both, so every instance's search follows, as it does for verifications.
create trigger change_log_partnership_insert after insert on partnership
begin
    insert into change_log (organization_id, region_id, status, at)
    select o.id, o.region_id, o.status, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    from organization o where o.id in (new.from_org, new.to_org);
end;

create trigger change_log_partnership_update after update of status on partnership
begin
    insert into change_log (organization_id, region_id, status, at)
    select o.id, o.region_id, o.status, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    from organization o where o.id in (new.from_org, new.to_org);
end;
