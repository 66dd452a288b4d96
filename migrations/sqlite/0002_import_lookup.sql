-- Re-import matches an organization by name within its okrug when it has no ИНН/ОГРН;
-- without this index every imported row scanned the okrug's organizations.
create index organization_name_idx on organization (region_id, okrug_id, name);
