//! The page `/events`, "Календарь событий": a plain GET filter (dates, okrug, format,
//! audience, one organization), then the events by day, or a month on a grid with the same
//! events listed under it. Both views work without JavaScript; each links to its iCal feed.

// The calendar's server fn takes each query parameter as its own optional argument, so its
// URL is the page's query as people write it; the generated client fn inherits the count.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};

use super::item::EventBody;
use super::month::MonthGrid;
use super::{CalendarEntry, CalendarPage, CalendarView};
use crate::accounts::pages::{page_or_error, query_param};
use crate::error::PublicError;
use crate::i18n::use_i18n;

/// The calendar's parameters, as the URL has them (the core reads and checks them).
const PARAMS: [&str; 9] = [
    "from", "to", "okrug", "format", "audience", "org", "view", "month", "page",
];

/// Public data: events of published organizations. The parameters are the page's query
/// (see [`PARAMS`]), each optional.
#[server(input = GetUrl, endpoint = "events/page")]
pub async fn load_events(
    from: Option<String>,
    to: Option<String>,
    okrug: Option<String>,
    format: Option<String>,
    audience: Option<String>,
    org: Option<String>,
    view: Option<String>,
    month: Option<String>,
    page: Option<String>,
) -> Result<CalendarPage, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    let values = [from, to, okrug, format, audience, org, view, month, page];
    let filter = super::CalendarFilter::from_pairs(
        PARAMS
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((*k, v.as_deref()?))),
    );
    Ok(poputchiki_core::events::build::page(&state, filter, &i18n).await?)
}

#[component]
pub fn EventsRoute() -> impl IntoView {
    let i18n = use_i18n();
    let params = PARAMS.map(query_param);
    let data = Resource::new(
        move || params.map(|p| p.get()),
        |[from, to, okrug, format, audience, org, view, month, page]| {
            load_events(from, to, okrug, format, audience, org, view, month, page)
        },
    );
    view! {
        <Title text=i18n.t("events-title")/>
        <Meta name="description" content=i18n.t("events-intro")/>
        <section class="wrap events-page">
            <h1>{i18n.t("events-title")}</h1>
            <p class="lead">{i18n.t("events-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    page_or_error(data.await, |page| view! { <CalendarBody page/> })
                })}
            </Suspense>
        </section>
    }
}

/// "Подписаться" (webcal, opens the calendar app) and "Скачать .ics" for a feed.
#[component]
pub fn FeedLinks(path: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="feed-links no-print">
            <a href=super::webcal_url(&path)>{i18n.t("events-subscribe")}</a>
            " · "
            <a href=path type="text/calendar">{i18n.t("events-download-ics")}</a>
        </p>
    }
}

#[component]
fn CalendarBody(page: CalendarPage) -> impl IntoView {
    let i18n = use_i18n();
    let f = page.filter.clone();
    let base = f.query(false);
    let with = |extra: &str| {
        let q = [base.as_str(), extra]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("&");
        if q.is_empty() {
            "/events".to_owned()
        } else {
            format!("/events?{q}")
        }
    };
    let list_link = with("");
    let month_link = with("view=month");
    let feed = if base.is_empty() {
        "/events.ics".to_owned()
    } else {
        format!("/events.ics?{base}")
    };
    let count = i18n.t_with("events-found", &[("count", (page.total as i64).into())]);
    let body = match (page.filter.view, page.month.clone()) {
        (CalendarView::Month, Some(grid)) => {
            let prev = with(&format!("view=month&month={}", grid.prev));
            let next = with(&format!("view=month&month={}", grid.next));
            view! {
                <MonthTable grid entries=page.entries.clone() prev next/>
                <DayList entries=page.entries.clone()/>
            }
            .into_any()
        }
        _ => {
            let pages = page.total.div_ceil(page.per_page).max(1);
            let at = |n: usize| with(&format!("page={n}"));
            let prev = (f.page > 1).then(|| at(f.page - 1));
            let next = (f.page < pages).then(|| at(f.page + 1));
            view! {
                <DayList entries=page.entries.clone()/>
                <crate::ui::parts::PageNav page=f.page pages prev next/>
            }
            .into_any()
        }
    };
    view! {
        <Filter page=page.clone()/>
        <nav class="view-switch" aria-label=i18n.t("events-view")>
            <a href=list_link aria-current=(f.view == CalendarView::List).then_some("page")>{i18n.t("events-view-list")}</a>
            " · "
            <a href=month_link aria-current=(f.view == CalendarView::Month).then_some("page")>{i18n.t("events-view-month")}</a>
        </nav>
        <FeedLinks path=feed/>
        <p role="status">{count}</p>
        {page.entries.is_empty().then(|| view! { <p class="none">{i18n.t("events-none")}</p> })}
        {body}
    }
}

#[component]
fn Filter(page: CalendarPage) -> impl IntoView {
    let i18n = use_i18n();
    let f = page.filter;
    let select = |id: &'static str,
                  label: String,
                  all: String,
                  chosen: Option<String>,
                  options: Vec<(String, String)>| {
        view! {
            <label for=format!("ev-{id}")>{label}</label>
            <select id=format!("ev-{id}") name=id>
                <option value="" selected=chosen.is_none()>{all}</option>
                {options.into_iter().map(|(code, text)| {
                    let sel = chosen.as_deref() == Some(code.as_str());
                    view! { <option value=code selected=sel>{text}</option> }
                }).collect_view()}
            </select>
        }
    };
    let terms = |v: Vec<poputchiki_core::taxonomy::TermLabel>| {
        v.into_iter().map(|t| (t.code, t.label)).collect::<Vec<_>>()
    };
    view! {
        <form method="get" action="/events" class="desk-filter events-filter">
            {(f.view == CalendarView::Month).then(|| view! {
                <input type="hidden" name="view" value="month"/>
                {f.month.clone().map(|m| view! { <input type="hidden" name="month" value=m/> })}
            })}
            {(f.view == CalendarView::List).then(|| view! {
                <label for="ev-from">{i18n.t("events-from")}</label>
                <input id="ev-from" type="date" name="from" value=f.from.clone().unwrap_or_default()/>
                <label for="ev-to">{i18n.t("events-to")}</label>
                <input id="ev-to" type="date" name="to" value=f.to.clone().unwrap_or_default()/>
            })}
            {select("okrug", i18n.t("desk-okrug"), i18n.t("desk-all-okrugs"), f.okrug.clone(),
                page.okrugs.into_iter().map(|o| (o.slug, o.name)).collect())}
            {select("format", i18n.t("events-format"), i18n.t("events-all-formats"), f.format.clone(), terms(page.formats))}
            {select("audience", i18n.t("events-audience"), i18n.t("events-all-audiences"), f.audience.clone(), terms(page.audiences))}
            {f.org.zip(page.organization).map(|(id, name)| view! {
                <span class="chosen-org">
                    <input type="hidden" name="org" value=id/>
                    {i18n.t_with("events-of-org", &[("name", name.into())])}
                </span>
            })}
            <button type="submit" class="button">{i18n.t("desk-show")}</button>
        </form>
    }
}

/// The events by day: a heading per date, then each event with its organization.
#[component]
fn DayList(entries: Vec<CalendarEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let mut days: Vec<(String, Vec<(usize, CalendarEntry)>)> = vec![];
    for (i, e) in entries.into_iter().enumerate() {
        match days.last_mut() {
            Some((d, list)) if *d == e.date => list.push((i, e)),
            _ => days.push((e.date.clone(), vec![(i, e)])),
        }
    }
    view! {
        <div class="event-days">
            {days.into_iter().map(|(date, list)| view! {
                <section class="event-day" aria-labelledby=format!("d-{date}")>
                    <h2 id=format!("d-{date}")>{day_heading(&i18n, &date)}</h2>
                    <ul class="events">
                        {list.into_iter().map(|(i, e)| view! {
                            <li class="event" id=format!("e-{i}")>
                                <EventBody e=e.event phone=e.phone/>
                                <p class="card-meta">
                                    <a href=e.url.clone()>{e.organization.clone()}</a> " · " {e.okrug.clone()}
                                    {(!e.place.is_empty()).then(|| view! { " · " {e.place.clone()} })}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
        </div>
    }
}

fn day_heading(i18n: &crate::i18n::I18n, date: &str) -> String {
    use chrono::Datelike;
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => format!(
            "{}, {}",
            i18n.date(d),
            i18n.t(&format!("weekday-{}", d.weekday().number_from_monday()))
        ),
        Err(_) => date.to_owned(),
    }
}

/// The month on a grid, Monday first; each day links to its events in the list below.
#[component]
fn MonthTable(
    grid: MonthGrid,
    entries: Vec<CalendarEntry>,
    prev: String,
    next: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = format!(
        "{} {}",
        i18n.t(&format!("month-name-{}", grid.number)),
        grid.year
    );
    view! {
        <nav class="month-nav" aria-label=i18n.t("events-months")>
            <a href=prev rel="prev">{i18n.t("events-prev-month")}</a>
            <strong>{title.clone()}</strong>
            <a href=next rel="next">{i18n.t("events-next-month")}</a>
        </nav>
        <table class="month">
            <caption>{title}</caption>
            <thead><tr>
                {(1..=7).map(|d| view! { <th scope="col" abbr=i18n.t(&format!("weekday-{d}"))>{i18n.t(&format!("weekday-short-{d}"))}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {grid.weeks.into_iter().map(|week| view! {
                    <tr>
                        {week.into_iter().map(|cell| match cell {
                            None => view! { <td class="pad"></td> }.into_any(),
                            Some(day) => view! {
                                <td class:today=day.today class:busy=!day.entries.is_empty()>
                                    {if day.entries.is_empty() {
                                        view! { <span class="day-number">{day.day}</span> }.into_any()
                                    } else {
                                        view! { <a class="day-number" href=format!("#d-{}", day.date)>{day.day}</a> }.into_any()
                                    }}
                                    {(!day.entries.is_empty()).then(|| view! {
                                        <ul>
                                            {day.entries.iter().filter_map(|i| entries.get(*i).map(|e| (i, e))).map(|(i, e)| view! {
                                                <li><a href=format!("#e-{i}")>{e.event.title.clone()}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                </td>
                            }.into_any(),
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
