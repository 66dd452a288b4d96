-- Partnerships ("попутчики"): organization A invites B with a kind and a short note; B's
-- editors accept or decline; either side may end it later. Staff may record one directly
-- (for organizations without editors). Only accepted (active) ones are public.
create table partnership (
    id integer primary key,
    from_org integer not null references organization(id) on delete cascade,
    to_org integer not null references organization(id) on delete cascade,
    -- joint_project | mentoring (from_org mentors to_org) | resources | information
    kind text not null,
    note text not null default '',
    -- proposed | active | declined | ended
    status text not null,
    proposed_by integer references account(id) on delete set null,
    decided_by integer references account(id) on delete set null,
    created_at text not null,
    updated_at text not null
);
-- One open tie (proposed or active) per pair of organizations, whichever way round.
create unique index partnership_open_pair_idx on partnership (min(from_org, to_org), max(from_org, to_org))
    where status in ('proposed', 'active');
create index partnership_to_idx on partnership (to_org, status);
create index partnership_from_idx on partnership (from_org, status);
