//! The head tags that let other sites read a page: its canonical address, OpenGraph for
//! link previews (VK, Telegram), `rel="alternate"` links to the page's data as downloads,
//! and schema.org JSON-LD in the body.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use crate::i18n::use_i18n;
use crate::web::request::absolute_url;

/// Canonical link and OpenGraph tags for the page at `path`.
#[component]
pub fn ShareMeta(
    title: String,
    description: String,
    path: String,
    /// A picture for the preview (the organization's logo), site-relative.
    #[prop(optional_no_strip)]
    image: Option<String>,
    /// `website`, or `profile` for an organization.
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = absolute_url(&path);
    let title = if title.is_empty() {
        i18n.t("site-name")
    } else {
        title
    };
    view! {
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:type" content=kind/>
        <Meta property="og:site_name" content=i18n.t("site-name")/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=url/>
        <Meta property="og:locale" content=i18n.t("og-locale")/>
        {image.filter(|i| !i.is_empty()).map(|i| view! { <Meta property="og:image" content=absolute_url(&i)/> })}
    }
}

/// `rel="alternate"` links to the downloads of the view with query string `query` ("" for
/// the whole directory).
#[component]
pub fn DataAlternates(query: String) -> impl IntoView {
    let i18n = use_i18n();
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let formats = [
        ("csv", "text/csv"),
        ("geojson", "application/geo+json"),
        ("jsonl", "application/jsonl"),
    ];
    let downloads = formats
        .into_iter()
        .map(|(ext, mime)| {
            view! {
                <Link rel="alternate" type_=mime
                    title=i18n.t_with("download-alternate", &[("format", ext.to_uppercase().into())])
                    href=format!("/api/v1/organizations.{ext}{q}")/>
            }
        })
        .collect_view();
    // Feed readers find the view's news feed from the page's address alone.
    view! {
        {downloads}
        <Link rel="alternate" type_="application/atom+xml" title=i18n.t("search-feed") href=format!("/feed.atom{q}")/>
    }
}

/// A `<script type="application/ld+json">` with `text` (already escaped by
/// `poputchiki_core::organizations::jsonld::script_text`).
#[component]
pub fn JsonLd(text: String) -> impl IntoView {
    view! { <script type="application/ld+json" inner_html=text></script> }
}
