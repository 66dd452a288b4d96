-- A need is open or met (`active`, already there) and may be needed only until a date
-- (`until`, YYYY-MM-DD): after it, it no longer shows as open.
alter table need add column until text;
