//! The detector against a fixture of known duplicates and near-misses
//! (tests/fixtures/duplicates/pairs.json): its precision and recall, printed for
//! docs/BENCHMARKS.md and held above 0.9.

use super::*;

#[derive(serde::Deserialize)]
struct Side {
    name: String,
    okrug: i64,
    lat: f64,
    lon: f64,
    inn: Option<String>,
    ogrn: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

#[derive(serde::Deserialize)]
struct Fixture {
    pairs: Vec<(String, Side, Side)>,
}

fn record(id: i64, s: &Side) -> Record {
    Record {
        id,
        okrug_id: s.okrug,
        name: s.name.clone(),
        lat: s.lat,
        lon: s.lon,
        inn: s.inn.clone(),
        ogrn: s.ogrn.clone(),
        phones: s.phone.iter().filter_map(|p| phone_key(p)).collect(),
        emails: s.email.iter().map(|e| e.to_lowercase()).collect(),
    }
}

#[test]
fn names_normalize_past_legal_forms_quotes_case_yo_and_word_order() {
    assert_eq!(
        normalize_name("АНО «Забота»"),
        normalize_name("Автономная некоммерческая организация \"Забота\"")
    );
    assert_eq!(normalize_name("ТОС «Родник»"), normalize_name("Родник ТОС"));
    assert_eq!(normalize_name("Клуб «Ёлочка»"), "елочка клуб");
    assert_eq!(phone_key("8 (35200) 1-23-45"), phone_key("+7 35200 12345"));
}

#[test]
fn precision_and_recall_on_the_fixture() {
    let text = include_str!("../../../tests/fixtures/duplicates/pairs.json");
    let f: Fixture = serde_json::from_str(text).expect("the fixture parses");
    // All the fixture's records in one region, through the blocking `pairs` uses, with
    // each labelled pair judged as it comes out.
    let all: Vec<Record> = f
        .pairs
        .iter()
        .enumerate()
        .flat_map(|(i, (_, a, b))| [record(i as i64 * 2 + 1, a), record(i as i64 * 2 + 2, b)])
        .collect();
    let found: std::collections::HashMap<(i64, i64), Reason> = pairs(&all)
        .into_iter()
        .map(|(a, b, r)| ((a, b), r))
        .collect();
    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    let mut wrong = vec![];
    for (i, (label, a, b)) in f.pairs.iter().enumerate() {
        let id = i as i64 * 2 + 1;
        let said = found.get(&(id, id + 1)).copied();
        assert_eq!(
            said,
            judge(&record(id, a), &record(id + 1, b)),
            "blocking missed {}",
            a.name
        );
        match (label.as_str(), said) {
            ("duplicate", Some(_)) => tp += 1,
            ("duplicate", None) => {
                fnn += 1;
                wrong.push(format!("missed: {} / {}", a.name, b.name));
            }
            (_, Some(r)) => {
                fp += 1;
                wrong.push(format!("false alarm ({r:?}): {} / {}", a.name, b.name));
            }
            _ => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fnn).max(1) as f64;
    println!(
        "duplicates fixture: {} pairs, precision {precision:.2}, recall {recall:.2} (tp {tp}, fp {fp}, fn {fnn})",
        f.pairs.len()
    );
    for w in &wrong {
        println!("  {w}");
    }
    assert!(precision >= 0.9 && recall >= 0.9, "{wrong:#?}");
}

#[test]
fn pairs_finds_each_suspected_pair_once_across_okrugs_by_shared_keys() {
    let a = Record {
        id: 1,
        okrug_id: 1,
        name: "Клуб «Рукодельница»".into(),
        phones: vec!["3520012345".into()],
        ..Default::default()
    };
    let b = Record {
        id: 2,
        okrug_id: 2,
        name: "Мастерицы".into(),
        lat: 10.0,
        phones: vec!["3520012345".into()],
        ..Default::default()
    };
    let c = Record {
        id: 3,
        okrug_id: 1,
        name: "Рукодельница клуб".into(),
        lat: 20.0,
        ..Default::default()
    };
    assert_eq!(
        pairs(&[a, b, c]),
        vec![(1, 3, Reason::SameName), (1, 2, Reason::SamePhone)]
    );
}
