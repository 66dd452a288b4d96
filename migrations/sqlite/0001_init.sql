-- Poputchiki schema, modelled on Open Referral HSDS 3.0 and simplified for the common case:
-- one organization, one place, a few services. Localized labels are JSON objects such as
-- {"ru": "...", "en": "..."}; timestamps are UTC RFC 3339 text.

create table region (
    id integer primary key,
    slug text not null unique,
    name text not null,
    country text not null,
    identifier_scheme text not null default 'none',
    default_locale text not null default 'ru',
    center_lat real not null,
    center_lon real not null,
    attribution text not null default '{}',
    created_at text not null,
    updated_at text not null
);

-- Districts: rural municipal okrugs and urban okrugs, with their boundaries (GeoJSON).
create table okrug (
    id integer primary key,
    region_id integer not null references region(id),
    slug text not null,
    name text not null,
    full_name text not null,
    kind text not null,
    admin_center text not null,
    -- The settlement type of the centre in Russian: город, село, рабочий посёлок.
    admin_center_kind text not null default '',
    center_lat real not null,
    center_lon real not null,
    area_km2 real,
    boundary text not null,
    created_at text not null,
    updated_at text not null,
    unique (region_id, slug)
);

-- HSDS taxonomy_term: every vocabulary (direction, audience, event_format, org_kind,
-- legal_form, need_kind) of every region, loaded from the region's seed files.
create table taxonomy_term (
    id integer primary key,
    region_id integer not null references region(id),
    vocabulary text not null,
    code text not null,
    label text not null,
    description text,
    position integer not null default 0,
    created_at text not null,
    updated_at text not null,
    unique (region_id, vocabulary, code)
);

-- HSDS organization + location, merged: one place per organization.
create table organization (
    id integer primary key,
    region_id integer not null references region(id),
    okrug_id integer not null references okrug(id),
    slug text not null,
    name text not null,
    -- Russian collation key (lowercase, ё as е, no punctuation): SQLite's own order is bytewise.
    sort_name text not null,
    kind text not null,
    legal_form text,
    inn text,
    ogrn text,
    summary text not null default '',
    description text not null default '',
    address text not null default '',
    settlement text not null default '',
    lat real not null,
    lon real not null,
    -- 1 when placed at the settlement or okrug centre because the exact address is unknown.
    location_approximate integer not null default 0,
    -- published | pending (awaiting moderation) | rejected
    status text not null default 'published',
    is_demo integer not null default 0,
    -- Optimistic concurrency: every save must name the version it was based on.
    version integer not null default 1,
    created_at text not null,
    updated_at text not null
);
create unique index organization_inn_key on organization (region_id, inn) where inn is not null;
create unique index organization_ogrn_key on organization (region_id, ogrn) where ogrn is not null;
create index organization_region_status_idx on organization (region_id, status, sort_name);
create index organization_okrug_idx on organization (okrug_id);

-- HSDS attribute: links an organization to its directions, audiences and event formats.
create table organization_term (
    organization_id integer not null references organization(id) on delete cascade,
    term_id integer not null references taxonomy_term(id),
    primary key (organization_id, term_id)
);
create index organization_term_term_idx on organization_term (term_id);

-- HSDS contact/phone, flattened: one row per channel (phone, email, website, vk, ok, telegram).
create table contact (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    kind text not null,
    value text not null,
    label text not null default '',
    position integer not null default 0,
    created_at text not null,
    updated_at text not null
);
create index contact_organization_idx on contact (organization_id);

-- HSDS service + schedule (as free text, which is how rural groups describe it).
create table service (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    name text not null,
    description text not null default '',
    cost text not null default 'free' check (cost in ('free', 'paid', 'partly')),
    how_to_apply text not null default '',
    schedule text not null default '',
    position integer not null default 0,
    created_at text not null,
    updated_at text not null
);
create index service_organization_idx on service (organization_id);

create table service_term (
    service_id integer not null references service(id) on delete cascade,
    term_id integer not null references taxonomy_term(id),
    primary key (service_id, term_id)
);

create table event (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    title text not null,
    description text not null default '',
    starts_at text not null,
    ends_at text,
    place text not null default '',
    format_term_id integer references taxonomy_term(id),
    created_at text not null,
    updated_at text not null
);
create index event_organization_idx on event (organization_id, starts_at);

-- What an organization is looking for: volunteers, premises, equipment, training...
create table need (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    kind text not null,
    title text not null,
    description text not null default '',
    active integer not null default 1,
    position integer not null default 0,
    created_at text not null,
    updated_at text not null
);
create index need_organization_idx on need (organization_id);

-- Staff verification, kept apart from edits: editing never changes "last verified".
create table verification (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    method text not null check (method in ('registry', 'reports', 'recommendation_letter', 'visit', 'note')),
    verified_by text not null,
    note text not null default '',
    verified_at text not null,
    created_at text not null,
    updated_at text not null
);
create index verification_organization_idx on verification (organization_id, verified_at);
