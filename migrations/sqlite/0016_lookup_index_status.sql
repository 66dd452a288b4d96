-- The import's lookups by name must use the name index: with the status in it, SQLite no
-- longer prefers organization_okrug_list_idx (region, status, okrug), which made each
-- lookup read every organization of the okrug (a 100,000-row import took 4.6 times longer
-- than it should). See docs/BENCHMARKS.md.
drop index organization_name_idx;
create index organization_name_idx on organization (region_id, okrug_id, name, status);
