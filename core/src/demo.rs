//! Deterministic synthetic organizations: the ~300 demo records committed as the Kurgan seed
//! file, and large sets for benchmarks (`server generate --count 100000`). Every record is
//! fictional. Contacts use example.org, the non-existent area code 35200, and ИНН/ОГРН with
//! valid check digits from a tax-office range (4599) that does not exist, so no real
//! organization is impersonated. Settlements are the real okrug centres.

mod load;
pub use load::load_demo_if_empty;

use crate::identifiers::{complete_inn10, complete_ogrn};
use crate::organizations::input::{
    EventInput, NeedInput, OrganizationInput, ServiceInput, VerificationInput,
};
use crate::region::{LatLon, Okrug, RegionCatalog};

/// SplitMix64: tiny, fast and the same on every platform, so a seed always gives one file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A service a template offers: name, description, cost, how to apply, schedule, audiences.
type ServiceT = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);
/// A need: kind, title, description.
type NeedT = (&'static str, &'static str, &'static str);
/// An event: title, format, description.
type EventT = (&'static str, &'static str, &'static str);

/// One kind of organization that is common in rural Kurgan Oblast.
struct Template {
    names: &'static [&'static str],
    kind: &'static str,
    legal_form: &'static str,
    directions: &'static [&'static str],
    audiences: &'static [&'static str],
    formats: &'static [&'static str],
    description: &'static str,
    services: &'static [ServiceT],
    needs: &'static [NeedT],
    events: &'static [EventT],
    /// Relative frequency; 0 in rural okrugs for city-only organizations.
    rural_weight: usize,
    urban_weight: usize,
}

const NICKNAMES: &[&str] = &[
    "Родник",
    "Забота",
    "Надежда",
    "Милосердие",
    "Рассвет",
    "Берёзка",
    "Исток",
    "Добрые руки",
    "Лад",
    "Светлица",
    "Околица",
    "Радуга",
    "Импульс",
    "Тобол",
    "Исеть",
    "Зауралье",
    "Подсолнух",
    "Колосок",
    "Доброе сердце",
    "Опора",
    "Память",
    "Верность",
    "Сударушка",
    "Родные просторы",
    "Земляки",
    "Вдохновение",
    "Родина",
    "Журавушка",
];
const SAINTS: &[&str] = &[
    "Святителя Николая Чудотворца",
    "Казанской иконы Божией Матери",
    "Архангела Михаила",
    "Покрова Пресвятой Богородицы",
    "Святой Троицы",
    "Рождества Христова",
];
const STREETS: &[&str] = &[
    "Ленина",
    "Советская",
    "Мира",
    "Школьная",
    "Молодёжная",
    "Центральная",
    "Победы",
    "Гагарина",
    "Комсомольская",
    "Пушкина",
    "Садовая",
    "Набережная",
    "Октябрьская",
    "Кирова",
    "Строителей",
];

include!("demo_templates.rs");

/// "Шумихинского муниципального округа" or "города Кургана": the okrug in the genitive.
fn area_genitive(okrug: &Okrug) -> String {
    let name = okrug.name.get(Default::default());
    if okrug.kind == "urban_okrug" {
        return format!("города {name}а");
    }
    let adj = name
        .strip_suffix("ий")
        .map(|s| format!("{s}ого"))
        .or_else(|| name.strip_suffix("ый").map(|s| format!("{s}ого")))
        .unwrap_or_else(|| name.to_owned());
    format!("{adj} муниципального округа")
}

/// Everything a template's placeholders can refer to, for one organization.
struct Place<'a> {
    okrug: &'a Okrug,
    area_gen: String,
    centre: String,
    nickname: &'static str,
    saint: &'static str,
}

impl Place<'_> {
    fn fill(&self, text: &str) -> String {
        text.replace("{area_gen}", &self.area_gen)
            .replace("{centre_addr}", &self.okrug.center_address())
            .replace("{centre}", &self.centre)
            .replace("{nickname}", self.nickname)
            .replace("{saint}", self.saint)
    }
}

fn okrug_weights(catalog: &RegionCatalog) -> Vec<&Okrug> {
    let mut slots = vec![];
    for o in &catalog.okrugs {
        let weight = match (o.kind.as_str(), o.slug.as_str()) {
            (_, "kurgan") => 8,
            ("urban_okrug", _) => 4,
            (_, "ketovsky") => 3,
            _ => 2,
        };
        slots.extend(std::iter::repeat_n(o, weight));
    }
    slots
}

/// Writes `count` organizations; the same `seed` always gives the same records.
pub fn generate(catalog: &RegionCatalog, count: usize, seed: u64) -> Vec<OrganizationInput> {
    let mut rng = Rng(seed);
    let slots = okrug_weights(catalog);
    if slots.is_empty() {
        return vec![];
    }
    // Spread slots evenly but in a shuffled order, so every okrug appears early.
    let mut order: Vec<usize> = (0..slots.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut seen = std::collections::HashSet::new();
    (0..count)
        .map(|n| {
            let okrug = slots[order[n % order.len()]];
            // Re-roll names already used in this okrug: the importer treats the same name in
            // the same okrug as the same organization.
            let mut org = one(catalog, okrug, n, count, &mut rng);
            for _ in 0..12 {
                if !seen.contains(&(okrug.id, org.name.clone())) {
                    break;
                }
                org = one(catalog, okrug, n, count, &mut rng);
            }
            if !seen.insert((okrug.id, org.name.clone())) {
                org.name = format!("{} № {}", org.name, n + 1);
                seen.insert((okrug.id, org.name.clone()));
            }
            org
        })
        .collect()
}

fn pick_template(okrug: &Okrug, rng: &mut Rng) -> &'static Template {
    let urban = okrug.kind == "urban_okrug";
    let weight = |t: &Template| {
        if urban {
            t.urban_weight
        } else {
            t.rural_weight
        }
    };
    let total: usize = TEMPLATES.iter().map(weight).sum();
    let mut roll = rng.below(total);
    for t in TEMPLATES {
        if roll < weight(t) {
            return t;
        }
        roll -= weight(t);
    }
    &TEMPLATES[0]
}

fn one(
    catalog: &RegionCatalog,
    okrug: &Okrug,
    n: usize,
    count: usize,
    rng: &mut Rng,
) -> OrganizationInput {
    let t = pick_template(okrug, rng);
    let place = Place {
        okrug,
        area_gen: area_genitive(okrug),
        centre: okrug.admin_center.get(Default::default()).to_owned(),
        nickname: rng.pick(NICKNAMES),
        saint: rng.pick(SAINTS),
    };
    let name = place.fill(rng.pick(t.names));
    // Shadrinsky okrug's centre is the city of Shadrinsk, an enclave outside the okrug.
    let centre_inside = catalog
        .okrug_at(okrug.center)
        .is_some_and(|o| o.id == okrug.id);
    let approximate = t.kind == "initiative_group" && rng.chance(50) || rng.chance(10);
    let location =
        (!approximate).then(|| scatter(catalog, okrug, count > 1000 || !centre_inside, rng));
    let address = match location {
        Some(_) if centre_inside => format!(
            "{}, ул. {}, {}",
            okrug.center_address(),
            rng.pick(STREETS),
            1 + rng.below(60)
        ),
        _ => String::new(),
    };
    let settlement = if centre_inside {
        okrug.center_address()
    } else {
        String::new()
    };
    let registered = t.kind != "initiative_group";
    let mut org = OrganizationInput {
        description: place.fill(t.description) + &founded(t, rng),
        name,
        kind: t.kind.to_owned(),
        legal_form: t.legal_form.to_owned(),
        okrug: okrug.slug.clone(),
        settlement,
        address,
        lat: location.map(|l| l.lat),
        lon: location.map(|l| l.lon),
        phone: format!(
            "8 (35200) {}-{:02}-{:02}",
            1 + n % 9,
            (n / 9) % 100,
            rng.below(100)
        ),
        email: format!("info{n}@example.org"),
        inn: if registered {
            complete_inn10(&format!("459{:06}", n % 1_000_000)).unwrap_or_default()
        } else {
            String::new()
        },
        ogrn: if registered {
            complete_ogrn(&format!("1{:02}45{:07}", 3 + rng.below(22), n % 10_000_000))
                .unwrap_or_default()
        } else {
            String::new()
        },
        directions: t.directions.iter().map(|s| s.to_string()).collect(),
        audiences: t.audiences.iter().map(|s| s.to_string()).collect(),
        event_formats: t.formats.iter().map(|s| s.to_string()).collect(),
        services: services(t, &place, rng),
        needs: needs(t, &place, rng),
        events: events(t, &place, rng),
        verification: (registered && rng.chance(40)).then(|| verification(rng)),
        demo: true,
        ..Default::default()
    };
    socials(&mut org, n, rng);
    org
}

fn founded(t: &Template, rng: &mut Rng) -> String {
    if t.kind == "state_institution" {
        return String::new();
    }
    format!(" Работаем с {} года.", 1990 + rng.below(34))
}

/// A point inside the okrug's own boundary: near its centre, or (for benchmark-sized sets
/// and okrugs whose centre lies outside them) anywhere in the okrug.
fn scatter(catalog: &RegionCatalog, okrug: &Okrug, anywhere: bool, rng: &mut Rng) -> LatLon {
    for attempt in 0..200 {
        let p = if anywhere && (attempt > 0 || rng.chance(50)) {
            let (min, max) = (okrug.bbox.min(), okrug.bbox.max());
            LatLon {
                lat: min.y + rng.unit() * (max.y - min.y),
                lon: min.x + rng.unit() * (max.x - min.x),
            }
        } else {
            let spread = if okrug.kind == "urban_okrug" {
                0.03
            } else {
                0.02
            };
            LatLon {
                lat: okrug.center.lat + (rng.unit() - 0.5) * spread * 2.0,
                lon: okrug.center.lon + (rng.unit() - 0.5) * spread * 3.0,
            }
        };
        // Round first (five decimals: about a metre), then check: rounding after the check
        // could move a point on a border into the neighbouring okrug.
        let p = LatLon {
            lat: (p.lat * 1e5).round() / 1e5,
            lon: (p.lon * 1e5).round() / 1e5,
        };
        if catalog.okrug_at(p).is_some_and(|o| o.id == okrug.id) {
            return p;
        }
    }
    okrug.center
}

fn services(t: &Template, place: &Place, rng: &mut Rng) -> Vec<ServiceInput> {
    let n = 1 + rng.below(t.services.len());
    t.services[..n]
        .iter()
        .map(
            |(name, description, cost, how, schedule, audiences)| ServiceInput {
                name: place.fill(name),
                description: place.fill(description),
                cost: cost.to_string(),
                how_to_apply: place.fill(how),
                schedule: schedule.to_string(),
                audiences: audiences.iter().map(|a| a.to_string()).collect(),
            },
        )
        .collect()
}

fn needs(t: &Template, place: &Place, rng: &mut Rng) -> Vec<NeedInput> {
    t.needs
        .iter()
        .filter(|_| rng.chance(60))
        .map(|(kind, title, description)| NeedInput {
            kind: kind.to_string(),
            title: place.fill(title),
            description: place.fill(description),
            ..Default::default()
        })
        .collect()
}

/// Events fall between 1 December 2026 and late 2027, so the demo has upcoming ones.
fn events(t: &Template, place: &Place, rng: &mut Rng) -> Vec<EventInput> {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let n = rng.below(t.events.len() + 1);
    let mut out: Vec<EventInput> = (0..n)
        .map(|i| {
            let (title, format, description) = t.events[i];
            let day = base + chrono::Duration::days(rng.below(330) as i64);
            let hour = rng.pick(&[10, 11, 12, 14, 15, 18]);
            EventInput {
                title: place.fill(title),
                description: place.fill(description),
                starts_at: format!("{} {hour:02}:00", day.format("%Y-%m-%d")),
                place: place.okrug.center_address(),
                format: format.to_string(),
                ..Default::default()
            }
        })
        .collect();
    out.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
    out
}

fn verification(rng: &mut Rng) -> VerificationInput {
    let (method, note) = rng.pick(&[
        ("registry", "ИНН и ОГРН сверены с реестром."),
        ("reports", "Отчёты за прошлый год сданы."),
        (
            "visit",
            "Сотрудник ресурсного центра побывал на мероприятии.",
        ),
        (
            "recommendation_letter",
            "Есть рекомендательное письмо администрации округа.",
        ),
    ]);
    VerificationInput {
        method: method.to_owned(),
        verified_by: "Ресурсный центр НКО (демо)".to_owned(),
        verified_at: format!("2026-{:02}-{:02}", 1 + rng.below(10), 1 + rng.below(28)),
        note: note.to_owned(),
    }
}

fn socials(org: &mut OrganizationInput, n: usize, rng: &mut Rng) {
    if rng.chance(45) {
        org.vk = format!("https://vk.com/poputchiki_demo_{n}");
    }
    if rng.chance(15) {
        org.ok = format!("https://ok.ru/group/poputchiki_demo_{n}");
    }
    if rng.chance(20) {
        org.telegram = format!("https://t.me/poputchiki_demo_{n}");
    }
    if rng.chance(12) {
        org.website = format!("https://demo{n}.example.org");
    }
}
