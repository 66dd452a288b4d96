-- The region's settlements (gazetteer), seeded from settlements.csv like the okrugs.
create table settlement (
    id integer primary key,
    region_id integer not null references region(id),
    okrug_id integer not null references okrug(id),
    name text not null,
    kind text not null default '',
    lat real not null,
    lon real not null,
    population integer,
    source text not null default '',
    created_at text not null,
    updated_at text not null,
    unique (region_id, okrug_id, name)
);
