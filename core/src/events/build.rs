//! Reads the calendar (all its SQL is here) and shapes the `/events` page, the feeds and an
//! organization's past events.

use chrono::{Datelike, Months, NaiveDate};

use super::ical::{self, FeedEvent};
use super::{month, CalendarEntry, CalendarFilter, CalendarPage, CalendarView, MAX_FEED, PER_PAGE};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::organizations::store::{BindFilter, EventRow, EVENT_COLUMNS};
use crate::organizations::view::{event_view, okrug_ref};
use crate::state::Core;
use crate::taxonomy::Vocabulary;

/// An event with what the calendar shows of its organization.
#[derive(Debug, sqlx::FromRow)]
struct Row {
    #[sqlx(flatten)]
    event: EventRow,
    updated_at: String,
    organization_id: i64,
    slug: String,
    organization: String,
    okrug_id: i64,
    address: String,
    lat: f64,
    lon: f64,
    phone: Option<String>,
}

/// Which events a read takes: a date range (`from` inclusive, `until` exclusive, both local
/// `YYYY-MM-DD`) and the filter's ids.
#[derive(Debug, Default)]
struct Range {
    from: String,
    until: Option<String>,
    okrug_id: Option<i64>,
    format_id: Option<i64>,
    audience_id: Option<i64>,
    org_id: Option<i64>,
}

const WHERE: &str = "from event e join organization o on o.id = e.organization_id
     where o.region_id = $1 and o.status = 'published'
       and coalesce(e.ends_at, e.starts_at) >= $2
       and ($3 is null or e.starts_at < $3)
       and ($4 is null or o.okrug_id = $4)
       and ($5 is null or e.format_term_id = $5)
       and ($6 is null or exists (select 1 from organization_term t
                                   where t.organization_id = o.id and t.term_id = $6))
       and ($7 is null or o.id = $7)";

async fn read(
    db: &Db,
    region_id: i64,
    r: &Range,
    limit: usize,
    offset: usize,
) -> sqlx::Result<(Vec<Row>, usize)> {
    let sql = format!(
        "select {EVENT_COLUMNS}, e.updated_at, o.id as organization_id, o.slug, o.name as organization,
           o.okrug_id, o.address, o.lat, o.lon,
           (select c.value from contact c where c.organization_id = o.id and c.kind = 'phone'
             order by c.position, c.id limit 1) as phone
         {WHERE} order by e.starts_at, e.id limit $8 offset $9"
    );
    let rows = bind(sqlx::query_as(&sql), region_id, r)
        .bind(limit as i64)
        .bind(offset as i64)
        .fetch_all(db)
        .await?;
    let count = format!("select count(*) {WHERE}");
    let total: i64 = bind(sqlx::query_scalar(&count), region_id, r)
        .fetch_one(db)
        .await?;
    Ok((rows, total as usize))
}

/// Binds [`WHERE`]'s parameters $1 to $7.
fn bind<'q, Q: BindFilter<'q>>(q: Q, region_id: i64, r: &Range) -> Q {
    q.bind_i64(Some(region_id))
        .bind_text(Some(r.from.clone()))
        .bind_text(r.until.clone())
        .bind_i64(r.okrug_id)
        .bind_i64(r.format_id)
        .bind_i64(r.audience_id)
        .bind_i64(r.org_id)
}

/// The filter with unknown values dropped, and the ids it names.
async fn resolve(
    core: &Core,
    mut f: CalendarFilter,
) -> sqlx::Result<(CalendarFilter, Range, Option<String>)> {
    let region = &core.region;
    let tax = &region.taxonomy;
    let okrug = f.okrug.as_deref().and_then(|s| region.okrug_by_slug(s));
    f.okrug = okrug.map(|o| o.slug.clone());
    let format = f
        .format
        .as_deref()
        .and_then(|c| tax.by_code(Vocabulary::EventFormat, c));
    f.format = format.map(|t| t.code.clone());
    let audience = f
        .audience
        .as_deref()
        .and_then(|c| tax.by_code(Vocabulary::Audience, c));
    f.audience = audience.map(|t| t.code.clone());
    let organization = match f.org {
        Some(id) => published_name(core, id).await?,
        None => None,
    };
    if organization.is_none() {
        f.org = None;
    }
    let range = Range {
        okrug_id: okrug.map(|o| o.id),
        format_id: format.map(|t| t.id),
        audience_id: audience.map(|t| t.id),
        org_id: f.org,
        ..Default::default()
    };
    Ok((f, range, organization))
}

/// The name of a published organization of the region, or `None`.
pub async fn published_name(core: &Core, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "select name from organization where id = $1 and region_id = $2 and status = 'published'",
    )
    .bind(id)
    .bind(core.region.id)
    .fetch_optional(&core.db)
    .await
}

fn day_after(date: &str) -> Option<String> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The `/events` page for a filter.
pub async fn page(
    core: &Core,
    filter: CalendarFilter,
    i18n: &I18n,
) -> Result<CalendarPage, AppError> {
    let region = &core.region;
    let today = region.timezone.today();
    let (mut filter, mut range, organization) = resolve(core, filter).await?;
    let (limit, offset, first) = match filter.view {
        CalendarView::List => {
            range.from = filter.from.clone().unwrap_or_else(|| today.clone());
            range.until = filter.to.as_deref().and_then(day_after);
            (PER_PAGE, (filter.page.max(1) - 1) * PER_PAGE, None)
        }
        CalendarView::Month => {
            let this_month = NaiveDate::parse_from_str(&today, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.with_day(1))
                .unwrap_or_default();
            let first = filter
                .month
                .as_deref()
                .and_then(super::filter::month_start)
                .unwrap_or(this_month);
            filter.month = Some(first.format("%Y-%m").to_string());
            range.from = first.format("%Y-%m-%d").to_string();
            range.until = first
                .checked_add_months(Months::new(1))
                .map(|d| d.format("%Y-%m-%d").to_string());
            (MAX_FEED, 0, Some(first))
        }
    };
    let (rows, total) = read(&core.db, region.id, &range, limit, offset).await?;
    let entries: Vec<CalendarEntry> = rows.into_iter().map(|r| entry(core, r, i18n)).collect();
    let month = first.map(|first| {
        let starts: Vec<&str> = entries.iter().map(|e| e.date.as_str()).collect();
        month::grid(first, &starts, &today)
    });
    let tax = &region.taxonomy;
    Ok(CalendarPage {
        okrugs: crate::staff_desk::build::okrug_options(core, i18n),
        formats: tax.options(Vocabulary::EventFormat, i18n.locale),
        audiences: tax.options(Vocabulary::Audience, i18n.locale),
        organization,
        total,
        per_page: PER_PAGE,
        entries,
        month,
        today,
        filter,
    })
}

fn entry(core: &Core, r: Row, i18n: &I18n) -> CalendarEntry {
    let place = if r.event.place.trim().is_empty() {
        r.address.clone()
    } else {
        r.event.place.clone()
    };
    let phone = r.phone.filter(|_| r.event.registration_phone);
    CalendarEntry {
        date: r.event.starts_at.get(..10).unwrap_or_default().to_owned(),
        url: org_url(r.organization_id, &r.slug),
        okrug: okrug_ref(&core.region, r.okrug_id, i18n).name,
        organization: r.organization,
        phone,
        place,
        event: event_view(&core.region.taxonomy, i18n, r.event),
    }
}

/// An upcoming event with its organization's id and its lasting uid, for the digest and
/// the Atom feeds (which keep only the organizations of their filter).
#[derive(Clone, Debug)]
pub struct Upcoming {
    pub organization_id: i64,
    pub uid: String,
    /// Its last save (`YYYY-MM-DDTHH:MM:SSZ`).
    pub updated_at: String,
    pub entry: CalendarEntry,
}

/// The region's events from `from` up to `until` (local dates, `until` exclusive) in date
/// order, at most [`MAX_FEED`].
pub async fn starting_between(
    core: &Core,
    from: &str,
    until: &str,
    i18n: &I18n,
) -> Result<Vec<Upcoming>, AppError> {
    let range = Range {
        from: from.to_owned(),
        until: Some(until.to_owned()),
        ..Default::default()
    };
    let (rows, _) = read(&core.db, core.region.id, &range, MAX_FEED, 0).await?;
    Ok(rows
        .into_iter()
        .map(|r| Upcoming {
            organization_id: r.organization_id,
            uid: r.event.uid.clone(),
            updated_at: r.updated_at.clone(),
            entry: entry(core, r, i18n),
        })
        .collect())
}

/// What a feed covers: its name and the filter (the org or okrug already in it).
pub struct Feed {
    pub name: String,
    pub filter: CalendarFilter,
}

/// A feed: events from 90 days back (calendars keep what has passed) or the filter's `from`,
/// up to its `to`, at most [`MAX_FEED`].
pub async fn feed(core: &Core, feed: Feed, i18n: &I18n) -> Result<String, AppError> {
    let region = &core.region;
    let today = NaiveDate::parse_from_str(&region.timezone.today(), "%Y-%m-%d").unwrap_or_default();
    let (filter, mut range, _) = resolve(core, feed.filter).await?;
    let back = today - chrono::Duration::days(90);
    range.from = filter
        .from
        .clone()
        .unwrap_or_else(|| back.format("%Y-%m-%d").to_string());
    range.until = filter.to.as_deref().and_then(day_after);
    let (rows, _) = read(&core.db, region.id, &range, MAX_FEED, 0).await?;
    let tax = &region.taxonomy;
    let events: Vec<FeedEvent> = rows
        .into_iter()
        .map(|r| feed_event(core, r, i18n, tax))
        .collect();
    Ok(ical::calendar(&feed.name, &region.timezone, &events))
}

fn feed_event(core: &Core, r: Row, i18n: &I18n, tax: &crate::taxonomy::Taxonomy) -> FeedEvent {
    let e = &r.event;
    let mut description = e.description.trim().to_owned();
    let mut add = |s: String| {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&s);
    };
    add(i18n.t_with("ical-organizer", &[("name", r.organization.clone().into())]));
    if !e.registration_url.is_empty() {
        add(i18n.t_with(
            "ical-registration-url",
            &[("url", e.registration_url.clone().into())],
        ));
    }
    if let Some(phone) = r.phone.as_ref().filter(|_| e.registration_phone) {
        add(i18n.t_with(
            "ical-registration-phone",
            &[("phone", phone.clone().into())],
        ));
    }
    if !e.report.trim().is_empty() {
        add(i18n.t_with(
            "ical-report",
            &[("report", e.report.trim().to_owned().into())],
        ));
    }
    let mut location = if e.place.trim().is_empty() {
        r.address.clone()
    } else {
        e.place.clone()
    };
    if e.online {
        let online = i18n.t("event-online");
        location = if location.trim().is_empty() {
            online
        } else {
            format!("{location} ({online})")
        };
    }
    // The event's own point; else the organization's, right when the event is at its address.
    let at_home = e.place.trim().is_empty() || e.place.trim() == r.address.trim();
    let own = e.point_lat.zip(e.point_lon);
    FeedEvent {
        // An event's own UID under its organization's id: another organization's file cannot
        // make two events of the region one.
        uid: format!("{}-{}", r.organization_id, e.uid),
        title: e.title.clone(),
        description,
        starts_at: e.starts_at.clone(),
        ends_at: e.ends_at.clone(),
        location,
        geo: own.or(at_home.then_some((r.lat, r.lon))),
        url: format!(
            "{}{}",
            core.config.public_url,
            org_url(r.organization_id, &r.slug)
        ),
        category: e
            .format_term_id
            .and_then(|id| tax.by_id(id))
            .map(|(_, t)| t.label.get(i18n.locale).to_owned()),
        updated_at: r.updated_at,
    }
}
