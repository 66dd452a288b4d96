//! The coverage page `/coverage`: a plain GET form for what to count, then the matrix as
//! an accessible table (okrugs in rows with row headers, a caption, totals in the footer)
//! in a scrollable region, so the page itself never scrolls sideways. Every non-zero
//! cell opens the search filtered to it; a column header opens the map's choropleth for
//! that direction or audience. Prints on A4 landscape (`@page coverage`).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};

use super::{Axis, Coverage};
use crate::error::PublicError;
use crate::i18n::use_i18n;
use crate::ui::parts::LoadError;
use crate::web::request::current_query;

/// The matrix for a raw query string, and whether the reader may download it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CoveragePage {
    pub coverage: Coverage,
    pub staff: bool,
}

/// Public data: every count is one a search shows. A pass over the search table, on the
/// search pool (`blocking::off_the_workers`).
#[server(input = GetUrl, endpoint = "coverage/page")]
pub async fn load_coverage(query: String) -> Result<CoveragePage, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    let pairs = crate::search::params::query_pairs(&query);
    let options =
        super::CoverageOptions::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let staff =
        crate::web::request::current_viewer().is_some_and(|v| v.is_staff_of(state.region.id));
    let job = move |s: &crate::state::Core| Coverage::compute(&s.search, options, &i18n);
    let coverage = crate::blocking::off_the_workers(&state, job)
        .await?
        .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(CoveragePage { coverage, staff })
}

#[component]
pub fn CoverageRoute() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(current_query, load_coverage);
    view! {
        <Title text=i18n.t("coverage-page-title")/>
        <Meta name="description" content=i18n.t("coverage-description")/>
        <section class="wrap coverage-page">
            <h1>{i18n.t("coverage-page-title")}</h1>
            <p class="lead">{i18n.t("coverage-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <CoverageView page/> }.into_any(),
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CoverageView(page: CoveragePage) -> impl IntoView {
    let i18n = use_i18n();
    let c = page.coverage;
    let options = c.options;
    let summary = i18n.t_with(
        "coverage-summary",
        &[
            ("orgs", (c.total as i64).into()),
            ("spots", (c.white_spots as i64).into()),
        ],
    );
    let caption = c.title(&i18n);
    let query = options.query();
    let suffix = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let downloads = page.staff.then(|| view! {
        <p class="coverage-downloads no-print">
            <strong>{i18n.t("coverage-downloads")}": "</strong>
            <a href=format!("/staff/coverage.xlsx{suffix}")>{i18n.t("coverage-download-xlsx")}</a>
            " · "
            <a href=format!("/staff/coverage.csv{suffix}")>{i18n.t("coverage-download-csv")}</a>
        </p>
    });
    let facet = options.axis.as_str();
    view! {
        <form method="get" action="/coverage" class="coverage-options no-print">
            <fieldset>
                <legend>{i18n.t("coverage-options")}</legend>
                <div class="check">
                    <input type="radio" id="by-direction" name="by" value="direction" checked=options.axis == Axis::Direction/>
                    <label for="by-direction">{i18n.t("coverage-by-direction")}</label>
                </div>
                <div class="check">
                    <input type="radio" id="by-audience" name="by" value="audience" checked=options.axis == Axis::Audience/>
                    <label for="by-audience">{i18n.t("coverage-by-audience")}</label>
                </div>
                <div class="check">
                    <input type="checkbox" id="verified" name="verified" value="true" checked=options.verified_only/>
                    <label for="verified">{i18n.t("coverage-verified-label")}</label>
                </div>
                <button type="submit" class="button">{i18n.t("coverage-show")}</button>
            </fieldset>
        </form>
        <p class="coverage-summary">{summary}" "<span class="spot-sample">"0"</span>" "{i18n.t("coverage-spot-legend")}</p>
        {downloads}
        <p class="note no-print">{i18n.t("coverage-scroll-hint")}</p>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="coverage-caption">
            <table class="coverage">
                <caption id="coverage-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("coverage-okrug")}</th>
                        {c.columns.iter().map(|col| view! {
                            <th scope="col" class="axis">
                                <a href=format!("/?{facet}={}&map=1&map_mode=choropleth", col.code)
                                    title=i18n.t_with("coverage-column-map", &[("label", col.label.clone().into())])>
                                    <span>{col.label.clone()}</span>
                                </a>
                            </th>
                        }).collect_view()}
                        <th scope="col" class="axis"><span>{i18n.t("coverage-total")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {c.rows.iter().map(|row| {
                        // A white spot links too: the search explains what is missing and
                        // suggests what to widen.
                        let cells = row.cells.iter().zip(&c.columns).map(|(&n, col)| {
                            let href = options.search_href(Some(&row.slug), Some(&col.code));
                            if n == 0 {
                                view! { <td class="spot"><a href=href>"0"<span class="sr-only">" — "{i18n.t("coverage-spot")}</span></a></td> }.into_any()
                            } else {
                                view! { <td><a href=href>{n}</a></td> }.into_any()
                            }
                        }).collect_view();
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/okrug/{}", row.slug)>{row.name.clone()}</a></th>
                                {cells}
                                <td class="total"><a href=options.search_href(Some(&row.slug), None)>{row.total}</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{i18n.t("coverage-region-total")}</th>
                        {c.columns.iter().map(|col| view! {
                            <td class="total"><a href=options.search_href(None, Some(&col.code))>{col.total}</a></td>
                        }).collect_view()}
                        <td class="total"><a href=options.search_href(None, None)>{c.total}</a></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
