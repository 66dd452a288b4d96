-- The login and form throttle's counts, shared by every instance (they were in each
-- process's memory): a key's SHA-256 (first 128 bits, hex), its failures, and its last try
-- in Unix seconds.
create table throttle (
    key text primary key,
    failures integer not null,
    last_at integer not null
);

create index throttle_last_idx on throttle (last_at);
