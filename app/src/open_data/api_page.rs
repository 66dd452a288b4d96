//! `/api` («API «Попутчиков»»): the OpenAPI description rendered for people, from the same
//! document `/api/v1/openapi.json` serves: every public address with what it gives and its
//! parameters. Plain server-rendered HTML, no scripts, nothing from a CDN.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::use_i18n;
use crate::ui::meta::ShareMeta;

/// One address of the API, as the page lists it.
#[derive(Clone, Debug, Default)]
struct Endpoint {
    path: String,
    summary: String,
    /// Name, required, description.
    params: Vec<(String, bool, String)>,
}

/// The endpoints of the description (server side; the browser never renders this page).
fn endpoints(i18n: &crate::i18n::I18n) -> Vec<Endpoint> {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<crate::state::AppState>() {
        let doc = super::openapi::description(&state.region, &state.config.public_url, i18n);
        let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        return doc["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(path, item)| Endpoint {
                path: path.clone(),
                summary: text(&item["get"]["summary"]),
                params: item["get"]["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        let required = p["required"].as_bool().unwrap_or(false);
                        (text(&p["name"]), required, text(&p["description"]))
                    })
                    .collect(),
            })
            .collect();
    }
    let _ = i18n;
    Vec::new()
}

#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = endpoints(&i18n);
    view! {
        <Title text=i18n.t("api-docs-title")/>
        <Meta name="description" content=i18n.t("api-docs-intro")/>
        <ShareMeta title=i18n.t("api-docs-title") description=i18n.t("api-docs-intro") path="/api".into()/>
        <section class="wrap open-data api-docs">
            <h1>{i18n.t("api-docs-title")}</h1>
            <p class="lead">
                {i18n.t("api-docs-intro")} " " <a href="/api/v1/openapi.json">"OpenAPI 3.1 (JSON)"</a>
            </p>
            {list.into_iter().map(|e| {
                let has_params = !e.params.is_empty();
                view! {
                    <section class="endpoint">
                        <h2><code>{format!("GET {}", e.path)}</code></h2>
                        <p>{e.summary.clone()}</p>
                        {has_params.then(|| view! {
                            <details>
                                <summary>{i18n.t("api-docs-parameters")}</summary>
                                <dl class="facts">
                                    {e.params.iter().map(|(name, required, what)| view! {
                                        <dt><code>{name.clone()}</code>
                                            {required.then(|| view! { " (" {i18n.t("api-docs-required")} ")" })}</dt>
                                        <dd>{what.clone()}</dd>
                                    }).collect_view()}
                                </dl>
                            </details>
                        })}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}
