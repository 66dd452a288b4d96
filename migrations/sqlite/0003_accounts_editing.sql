-- Accounts, roles, sessions, self-editing with revisions, moderation, invitations,
-- error reports and the audit log. Timestamps are UTC RFC 3339 text, as everywhere.

-- A person who can log in. The email is stored lowercased; it is the login name.
create table account (
    id integer primary key,
    email text not null unique,
    display_name text not null default '',
    -- argon2id PHC string (m=19456 KiB, t=2, p=1).
    password_hash text not null,
    is_admin integer not null default 0,
    disabled integer not null default 0,
    last_login_at text,
    created_at text not null,
    updated_at text not null
);

-- Server-side sessions. Only the SHA-256 of the 128-bit token is stored, so a leaked
-- database does not leak live sessions.
create table session (
    token_hash text primary key,
    account_id integer not null references account(id) on delete cascade,
    -- Absolute end of the session, whatever the activity.
    expires_at text not null,
    last_seen_at text not null,
    user_agent text not null default '',
    created_at text not null,
    updated_at text not null
);
create index session_account_idx on session (account_id);

-- Browsers that have logged in to an account before. A login from such a browser is not
-- slowed down by failures from elsewhere, so an attacker cannot lock a real user out.
create table trusted_device (
    token_hash text not null,
    account_id integer not null references account(id) on delete cascade,
    created_at text not null,
    updated_at text not null,
    primary key (token_hash, account_id)
);

-- Regional staff: moderate, verify and edit any organization of their region.
create table staff_role (
    account_id integer not null references account(id) on delete cascade,
    region_id integer not null references region(id),
    granted_by integer references account(id),
    created_at text not null,
    updated_at text not null,
    primary key (account_id, region_id)
);

-- Editors of an organization. Many editors per organization, many organizations per editor.
create table membership (
    account_id integer not null references account(id) on delete cascade,
    organization_id integer not null references organization(id) on delete cascade,
    added_by integer references account(id),
    created_at text not null,
    updated_at text not null,
    primary key (account_id, organization_id)
);
create index membership_organization_idx on membership (organization_id);

-- Single-use, expiring links that make whoever accepts them an editor.
create table invitation (
    id integer primary key,
    token_hash text not null unique,
    organization_id integer not null references organization(id) on delete cascade,
    email text not null default '',
    created_by integer not null references account(id),
    expires_at text not null,
    used_at text,
    used_by integer references account(id),
    created_at text not null,
    updated_at text not null
);
create index invitation_organization_idx on invitation (organization_id);

create table password_reset (
    token_hash text primary key,
    account_id integer not null references account(id) on delete cascade,
    expires_at text not null,
    used_at text,
    created_at text not null,
    updated_at text not null
);

-- Every save of an organization: who, when, the whole record as JSON (the edit form's input
-- shape) and which fields changed. A revert is a new revision that copies an old snapshot.
create table revision (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    -- The organization's version after this save.
    number integer not null,
    account_id integer references account(id),
    -- baseline | create | edit | revert | moderation
    kind text not null,
    reverted_to integer,
    snapshot text not null,
    changed text not null default '[]',
    created_at text not null,
    updated_at text not null,
    unique (organization_id, number)
);

-- What people typed into a form that could not be saved yet (an error or a conflict), so the
-- form comes back exactly as it was. Owned by an account or by a browser's CSRF cookie.
create table form_draft (
    id text primary key,
    owner text not null,
    form text not null,
    target_id integer,
    base_version integer,
    payload text not null,
    issues text not null default '[]',
    created_at text not null,
    updated_at text not null
);
create index form_draft_created_idx on form_draft (created_at);

-- "Report an error" from any visitor, for staff.
create table error_report (
    id integer primary key,
    organization_id integer not null references organization(id) on delete cascade,
    message text not null,
    contact text not null default '',
    -- open | resolved
    status text not null default 'open',
    resolved_by integer references account(id),
    created_at text not null,
    updated_at text not null
);
create index error_report_status_idx on error_report (status, organization_id);

-- Logins, role changes, moderation decisions, reverts and the like.
create table audit_event (
    id integer primary key,
    region_id integer references region(id),
    account_id integer references account(id),
    action text not null,
    target_kind text not null default '',
    target_id integer,
    detail text not null default '',
    ip text not null default '',
    created_at text not null,
    updated_at text not null
);
create index audit_event_region_idx on audit_event (region_id, created_at);

alter table organization add column proposed_by integer references account(id);
alter table organization add column moderation_note text not null default '';
alter table organization add column moderated_at text;
-- File name of the re-encoded logo under <data>/uploads/logos/, if any.
alter table organization add column logo text;
