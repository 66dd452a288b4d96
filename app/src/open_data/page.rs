//! «Открытые данные» (`/open-data`): what can be downloaded, in which formats, under which
//! licence, and how another service keeps a copy in step. Plain HTML; every page's footer
//! links here.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::use_i18n;
use crate::ui::meta::{DataAlternates, ShareMeta};

/// The whole directory in each format, with what the format is for.
const DOWNLOADS: [(&str, &str, &str); 4] = [
    ("xlsx", "open-data-xlsx", "open-data-xlsx-for"),
    ("csv", "open-data-csv", "open-data-csv-for"),
    ("geojson", "open-data-geojson", "open-data-geojson-for"),
    ("jsonl", "open-data-jsonl", "open-data-jsonl-for"),
];

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("open-data-title")/>
        <Meta name="description" content=i18n.t("open-data-intro")/>
        <ShareMeta title=i18n.t("open-data-title") description=i18n.t("open-data-intro") path="/open-data".into()/>
        <DataAlternates query=String::new()/>
        <section class="wrap open-data">
            <h1>{i18n.t("open-data-title")}</h1>
            <p class="lead">{i18n.t("open-data-intro")}</p>
            <h2>{i18n.t("open-data-all")}</h2>
            <ul class="download-list">
                {DOWNLOADS.into_iter().map(|(ext, name, purpose)| view! {
                    <li>
                        <a href=format!("/api/v1/organizations.{ext}") download="">{i18n.t(name)}</a>
                        " — " {i18n.t(purpose)}
                    </li>
                }).collect_view()}
            </ul>
            <p>{i18n.t("open-data-views")} " " <a href="/">{i18n.t("open-data-to-search")}</a></p>
            <h2>{i18n.t("open-data-licence-title")}</h2>
            <p>
                {i18n.t("open-data-licence")} " "
                <a href="https://creativecommons.org/licenses/by/4.0/deed.ru" rel="license">"CC BY 4.0"</a>
            </p>
            <p>{i18n.t("open-data-credit")}</p>
            <p>
                {i18n.t("footer-boundaries")} " "
                <a href="https://www.openstreetmap.org/copyright">"© OpenStreetMap contributors"</a>
                " (ODbL 1.0). " {i18n.t("footer-centres")}
            </p>
            <h2 id="hsds">{i18n.t("open-data-hsds-title")}</h2>
            <p>{i18n.t("open-data-hsds-intro")}</p>
            <ul class="download-list">
                <li><a href="/api/v1/hsds.zip" download="">{i18n.t("open-data-hsds-zip")}</a> " — " {i18n.t("open-data-hsds-zip-for")}</li>
                <li><a href="/api/v1/hsds.json" download="">{i18n.t("open-data-hsds-json")}</a> " — " {i18n.t("open-data-hsds-json-for")}</li>
                <li><a href="/hsds/">{i18n.t("open-data-hsds-api")}</a> " — " {i18n.t("open-data-hsds-api-for")}</li>
            </ul>
            <h2>{i18n.t("open-data-api-title")}</h2>
            <p><a href="/api">{i18n.t("open-data-api-docs")}</a> " (" <a href="/api/v1/openapi.json">"OpenAPI 3.1"</a> ")"</p>
            <ul>
                <li><code>"GET /api/v1/search"</code> " — " {i18n.t("open-data-api-search")}</li>
                <li><code>"GET /api/v1/organizations/{id}"</code> " — " {i18n.t("open-data-api-record")}</li>
                <li><code>"GET /api/v1/organizations.{csv,xlsx,geojson,jsonl}"</code> " — " {i18n.t("open-data-api-download")}</li>
                <li><a href="/api/v1/changes"><code>"GET /api/v1/changes"</code></a> " — " {i18n.t("open-data-api-changes")}</li>
            </ul>
            <p>{i18n.t("open-data-private")}</p>
        </section>
    }
}
