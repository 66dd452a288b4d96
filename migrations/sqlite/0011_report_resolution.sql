-- Error reports are resolved or dismissed with staff's note (status 'resolved' or
-- 'dismissed'); a reply mailed to the reporter is kept in the note too.
alter table error_report add column resolution_note text not null default '';
