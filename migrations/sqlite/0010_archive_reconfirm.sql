-- Archive ("больше не работает": status 'archived', with when and why) and re-confirmation:
-- each reminder is a job row, unique per organization and round, claimed atomically, so a
-- reminder goes out once across restarts and workers; its links are single-use tokens,
-- stored only as hashes, each good for one action until it expires.
alter table organization add column archived_at text;
alter table organization add column archive_note text not null default '';

create table reconfirm_job (
    id integer primary key,
    organization_id integer not null references organization (id) on delete cascade,
    region_id integer not null,
    -- 'periodic:<date of the last sign of life>' or 'pre_stale:<date>': a new sign of life
    -- starts new rounds, and a round is never queued twice.
    round text not null,
    due_at text not null,
    -- due → sent → answered; or no_address (nobody to write to)
    state text not null default 'due',
    recipients text not null default '',
    mail_ids text not null default '[]',
    sent_at text,
    answered_at text,
    answer text not null default '',
    created_at text not null,
    unique (organization_id, round)
);
create index reconfirm_job_due_idx on reconfirm_job (state, due_at);

create table reconfirm_token (
    token_hash text primary key,
    job_id integer not null references reconfirm_job (id) on delete cascade,
    organization_id integer not null references organization (id) on delete cascade,
    -- confirm, update, closed
    action text not null,
    expires_at text not null,
    used_at text
);
create index reconfirm_token_job_idx on reconfirm_token (job_id);
