-- A list uploaded by staff on /staff/import: the file itself (kept until imported or
-- purged), the staff's column mapping, fixed cells and skipped rows, and the result.
create table import_batch (
    id integer primary key,
    region_id integer not null references region(id),
    account_id integer not null references account(id),
    file_name text not null,
    file_data blob not null,
    -- JSON array of column uses, or null for the detected ones.
    mapping text,
    -- JSON object: spreadsheet row number -> { column index -> fixed text }.
    fixes text not null default '{}',
    -- JSON array of spreadsheet row numbers the staff skipped.
    skipped text not null default '[]',
    -- draft | running | done | failed
    status text not null default 'draft',
    -- JSON: the import's outcome per row, once run.
    result text,
    created_at text not null,
    updated_at text not null
);
create index import_batch_region_idx on import_batch (region_id, created_at);
