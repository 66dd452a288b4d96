//! The server's formatter: the Fluent runtime over every embedded catalog.

use std::sync::OnceLock;

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};

use super::{Arg, LOCALE_SOURCES};

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle] {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        LOCALE_SOURCES
            .iter()
            .map(|(code, src)| build_bundle(code, src))
            .collect()
    })
}

fn build_bundle(code: &str, source: &str) -> Bundle {
    let lang = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks around arguments confuse copy-paste and screen readers.
    bundle.set_use_isolating(false);
    // A syntax error in one message must not take down the others: keep what parsed.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, _)| res);
    let _ = bundle.add_resource(resource);
    bundle
}

fn value<'a>(arg: &'a Arg<'a>) -> FluentValue<'a> {
    match arg {
        Arg::Str(s) => FluentValue::String(s.as_ref().into()),
        Arg::Num(n) => FluentValue::from(*n),
    }
}

/// `key` formatted in the locale at `index`, or None when that catalog lacks it.
pub(super) fn format(index: usize, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let bundle = bundles().get(index)?;
    let pattern = bundle.get_message(key)?.value()?;
    let fluent_args = (!args.is_empty()).then(|| {
        let mut fa = FluentArgs::new();
        for (name, arg) in args {
            fa.set(*name, value(arg));
        }
        fa
    });
    let mut errors = vec![];
    Some(
        bundle
            .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
            .into_owned(),
    )
}
