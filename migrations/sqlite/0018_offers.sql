-- Offers of help: what an organization can give other organizations (consultations,
-- mentoring, training, premises, equipment, transport, volunteers), in the need vocabulary
-- (`need_kind`), so each open need can show who offers that kind of help nearby.
create table offer (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    kind text not null,
    title text not null,
    description text not null default '',
    position integer not null default 0,
    created_at text not null,
    updated_at text not null
);
create index offer_organization_idx on offer (organization_id, position);
create index offer_kind_idx on offer (kind, organization_id);
