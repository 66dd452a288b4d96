//! Keeping the map true (issue 14), as one test binary (one link instead of four on CI):
//! archive and restore, re-confirmation reminders, the staff workspace's queues, merging
//! duplicates and the region's needs.

#[path = "archive.rs"]
mod archive;
#[path = "merge.rs"]
mod merge;
#[path = "needs.rs"]
mod needs;
#[path = "reconfirm.rs"]
mod reconfirm;
#[path = "staff_desk.rs"]
mod staff_desk;
