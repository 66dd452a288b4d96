-- Subscriptions: anyone (no account) subscribes by mail to an okrug and/or a direction or
-- audience and gets a weekly digest. The address is confirmed by a mailed link before any
-- digest goes out, is never shown or exported, and is deleted on unsubscribing.
create table subscription (
    id integer primary key,
    region_id integer not null references region(id) on delete cascade,
    email text not null,
    -- The search filter it follows, canonical: "okrug=…&direction=…&audience=…" (any may be absent).
    filter text not null,
    -- pending (waiting for the confirmation link) | active
    status text not null,
    created_at text not null,
    confirmed_at text,
    -- Where the last digest's window ended: the next digest tells what is new since then.
    last_sent_at text,
    updated_at text not null
);
-- One live subscription per address and filter.
create unique index subscription_email_filter_idx on subscription (region_id, email, filter);
create index subscription_status_idx on subscription (region_id, status);

-- Links in subscription mail, stored as SHA-256 only: `confirm` (in the confirmation mail,
-- 7 days) and `unsubscribe` (in every mail; lives as long as the subscription).
create table subscription_token (
    hash text primary key,
    subscription_id integer not null references subscription(id) on delete cascade,
    purpose text not null,
    expires_at text,
    created_at text not null
);
create index subscription_token_sub_idx on subscription_token (subscription_id);

-- One digest of one subscription for one ISO week ("2026-W49"): queued once (unique), claimed
-- by one worker (due → sending in the transaction that queues the mail), so each digest is
-- sent exactly once however many workers run.
create table digest_job (
    id integer primary key,
    subscription_id integer not null references subscription(id) on delete cascade,
    week text not null,
    -- due | sent | empty (nothing new: no mail)
    state text not null,
    mail_id integer,
    created_at text not null,
    updated_at text not null,
    unique (subscription_id, week)
);
create index digest_job_state_idx on digest_job (state);

-- Mail with a one-click unsubscribe address (RFC 8058): the List-Unsubscribe headers.
alter table outgoing_mail add column unsubscribe_url text not null default '';

-- The digest and the feeds read what is new: organizations and needs by creation time.
create index organization_created_idx on organization (region_id, created_at);
create index need_created_idx on need (created_at);
