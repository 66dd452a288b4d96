-- Hardening: verified email addresses, links sent by mail, a durable mail queue, session
-- details people can review, a second factor for staff, and expiring trusted devices.

-- When the account proved it reads its mailbox. Until then it holds no role or membership.
-- Administrators were made on the server's command line by its operator: already trusted.
alter table account add column email_verified_at text;
update account set email_verified_at = created_at where is_admin = 1;

-- Links sent by mail that prove someone reads a mailbox: `verify` a new account's address,
-- or `change` it to a new one. Only the SHA-256 of the token is stored.
create table email_token (
    token_hash text primary key,
    account_id integer not null references account(id) on delete cascade,
    -- verify | change
    purpose text not null,
    email text not null,
    -- Where to go after confirming (a local path).
    next text not null default '',
    expires_at text not null,
    used_at text,
    created_at text not null,
    updated_at text not null
);
create index email_token_account_idx on email_token (account_id);

-- Outgoing mail, sent by a background worker with retries, so a request never waits for
-- (or reveals by its timing) a mail server. The body is blanked once the mail is sent.
create table outgoing_mail (
    id integer primary key,
    recipient text not null,
    subject text not null,
    body text not null,
    attempts integer not null default 0,
    next_attempt_at text not null,
    sent_at text,
    -- The last transport error, for the operator; never shown to people.
    last_error text not null default '',
    created_at text not null,
    updated_at text not null
);
create index outgoing_mail_due_idx on outgoing_mail (sent_at, next_attempt_at);

-- Where a session was started from, so people can recognise their sessions.
alter table session add column ip text not null default '';
-- When this session passed the second factor (TOTP or a recovery code).
alter table session add column second_factor_at text;

-- TOTP (RFC 6238): the base32 secret once confirmed, and the last time step used, so a code
-- cannot be replayed. Staff and admins must have it before staff pages open.
alter table account add column totp_secret text;
alter table account add column totp_enabled_at text;
alter table account add column totp_last_step integer not null default 0;

-- One-time recovery codes for a lost authenticator; only their SHA-256 is stored.
create table recovery_code (
    code_hash text not null,
    account_id integer not null references account(id) on delete cascade,
    used_at text,
    created_at text not null,
    updated_at text not null,
    primary key (account_id, code_hash)
);

-- A trusted device is remembered for a limited time, and forgotten at a password reset.
alter table trusted_device add column expires_at text not null default '';
update trusted_device set expires_at = created_at;

-- A login that passed the password and waits for the second factor. The browser holds the
-- token in a short-lived cookie; no session exists until the code is right.
create table login_challenge (
    token_hash text primary key,
    account_id integer not null references account(id) on delete cascade,
    next text not null default '',
    attempts integer not null default 0,
    expires_at text not null,
    created_at text not null,
    updated_at text not null
);
