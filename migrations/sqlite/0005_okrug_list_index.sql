-- Okrug pages list an okrug's published organizations in name order: without this index a
-- page walked every organization of the region (350 ms at 100,000, a cheap way to load
-- the server).
create index organization_okrug_list_idx on organization (region_id, status, okrug_id, sort_name);
