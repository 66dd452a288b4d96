//! The search form as the server renders it for one view: the query box, the filters with
//! their counts behind «Фильтры (N)», "near", the sort and the results. It is a plain GET
//! form, the whole search without JavaScript. The `SearchBrowser` island (`browser.rs`)
//! keeps it up to date in place from a new rendering of this same component: elements
//! marked `data-live` take over the new rendering's text (`text`), class (`class`) or
//! `disabled` state (`disabled`), matched by their order, so the facet lists must render
//! the same elements for every view (they do: every value of every facet, always).

use leptos::prelude::*;

use super::near::NearPicker;
use super::params::Facet;
use super::view::{FacetGroup, SearchView};
use crate::i18n::use_i18n;
use crate::ui::parts::OrgCardView;

#[component]
pub fn SearchForm(mut view: SearchView) -> impl IntoView {
    let i18n = use_i18n();
    let filters = i18n.t_with("filters-toggle", &[("n", view.active_filters().into())]);
    // The facets and cards move into their own parts; the rest is small to copy.
    let facets = std::mem::take(&mut view.facets)
        .into_iter()
        .map(|group| view! { <FacetBox group/> })
        .collect_view();
    let cards = std::mem::take(&mut view.cards);
    view! {
        // The island's messages, in the reader's language.
        <section class="wrap search" data-s-loading=i18n.t("loading") data-s-failed=i18n.t("err-transport")
            data-s-me=i18n.t("near-me-option") data-s-locating=i18n.t("near-me-locating")
            data-s-denied=i18n.t("near-me-denied")>
            <form method="get" action="/" role="search" class="search-form">
                <div class="searchbar">
                    <label for="q">{i18n.t("search-label")}</label>
                    <div class="searchbar-row">
                        <input type="search" id="q" name="q" value=view.q.clone()
                            autocomplete="off" enterkeyhint="search" maxlength="200"
                            placeholder=i18n.t("search-placeholder")/>
                        <button type="submit" class="button">{i18n.t("search-button")}</button>
                    </div>
                </div>
                <div class="search-layout">
                    // On a phone the results come first: the filters fold behind one line
                    // with their count (a plain <details>, so without JavaScript too). Wide
                    // screens show them open beside the results.
                    <details class="filters-toggle">
                        <summary data-live="text">{filters}</summary>
                        <aside class="facets" aria-label=i18n.t("facets-label")>
                            <NearPicker view=view.clone()/>
                            {facets}
                            <button type="submit" class="button secondary apply">{i18n.t("facets-apply")}</button>
                        </aside>
                    </details>
                    <div class="results">
                        <ResultsBar view=view.clone()/>
                        <div class="results-list"><Results view cards/></div>
                    </div>
                </div>
            </form>
        </section>
    }
}

/// "Found: N" with the sort order next to it.
#[component]
fn ResultsBar(view: SearchView) -> impl IntoView {
    let i18n = use_i18n();
    let found = i18n.t_with("orgs-found", &[("count", (view.total as i64).into())]);
    let chosen = if view.sort_chosen {
        view.sort.as_str()
    } else {
        ""
    };
    let options = [
        ("", "sort-default"),
        ("relevance", "sort-relevance"),
        ("name", "sort-name"),
        ("distance", "sort-distance"),
        ("updated", "sort-updated"),
        ("verified", "sort-verified"),
    ];
    let no_place = view.near.is_none();
    view! {
        <div class="results-bar">
            // The live region wraps the heading: a role on the <h2> would hide that it is one.
            <div role="status" aria-live="polite">
                <h2 id="results-heading" class="results-heading" data-live="text">{found}</h2>
            </div>
            <div class="field inline">
                <label for="sort">{i18n.t("sort-label")}</label>
                <select id="sort" name="sort">
                    {options.into_iter().map(|(value, key)| {
                        // Distance needs a place; only its option changes from view to view.
                        let live = (value == "distance").then_some("disabled");
                        view! {
                            <option value=value selected=chosen == value data-live=live
                                disabled=value == "distance" && no_place>{i18n.t(key)}</option>
                        }
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

/// Errors, suggestions, cards and the pager of one view.
#[component]
fn Results(view: SearchView, cards: Vec<crate::organizations::OrgCard>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = (!view.errors.is_empty()).then(|| {
        view! { <ul class="param-errors" role="alert">{view.errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}</ul> }
    });
    let body = if cards.is_empty() {
        view! {
            <div class="no-results">
                <p>{i18n.t("search-nothing")}</p>
                {(!view.suggestions.is_empty()).then(|| view! {
                    <p>{i18n.t("search-try")}</p>
                    <ul class="suggestions">
                        {view.suggestions.iter().map(|s| view! { <li><a href=s.href.clone() data-nav="1">{s.text.clone()}</a></li> }).collect_view()}
                    </ul>
                })}
                <p><a href="/" data-nav="1">{i18n.t("search-reset")}</a></p>
            </div>
        }
        .into_any()
    } else {
        view! { <ul class="cards">{cards.into_iter().map(|card| view! { <OrgCardView card/> }).collect_view()}</ul> }.into_any()
    };
    let pager = (view.pages > 1).then(|| {
        let page = view.page;
        view! {
            <nav class="pager" aria-label=i18n.t("pager-label")>
                {(page > 1).then(|| view! { <a rel="prev" href=view.page_href(page - 1) data-nav="1">{i18n.t("pager-prev")}</a> })}
                <span>{i18n.t_with("pager-position", &[("page", page.into()), ("pages", view.pages.into())])}</span>
                {(page < view.pages).then(|| view! { <a rel="next" href=view.page_href(page + 1) data-nav="1">{i18n.t("pager-next")}</a> })}
            </nav>
        }
    });
    let downloads = (view.total > 0).then(|| {
        let link = |ext: &str, key: &str| {
            view! { <a href=view.download_href(ext) download="">{i18n.t(key)}</a> }
        };
        view! {
            <p class="downloads">
                {i18n.t("search-download")} " "
                {link("csv", "search-download-csv")} " · "
                {link("xlsx", "search-download-xlsx")} " · "
                {link("geojson", "search-download-geojson")} " · "
                <a href="/api/v1/organizations.xlsx" download="">{i18n.t("search-download-all")}</a>
            </p>
        }
    });
    let follow = view! {
        <p class="downloads">
            <a href=view.subscribe_href()>{i18n.t("subscribe-link")}</a> " · "
            <a href=view.feed_href() type="application/atom+xml">{i18n.t("search-feed")}</a>
        </p>
    };
    view! { {errors} {body} {pager} {downloads} {follow} }
}

/// One facet as a collapsible list of checkboxes with counts.
#[component]
fn FacetBox(group: FacetGroup) -> impl IntoView {
    let facet = group.facet;
    let open = group.values.iter().any(|v| v.selected)
        || matches!(facet, Facet::Direction | Facet::Audience);
    let name = facet.as_str();
    view! {
        <details class="facet" open=open>
            <summary>{group.title.clone()}</summary>
            <fieldset>
                <legend class="sr-only">{group.title.clone()}</legend>
                {group.values.into_iter().map(|v| {
                    let id = format!("f-{name}-{}", v.code);
                    let empty = v.count == 0 && !v.selected;
                    view! {
                        <div class="facet-option" class:empty=empty data-live="class">
                            <input type="checkbox" id=id.clone() name=name value=v.code checked=v.selected/>
                            <label for=id>
                                {v.label} " "
                                <span class="count" data-live="text">{v.count}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </details>
    }
}
