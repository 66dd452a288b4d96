//! Photos of past events, as a leader adds them on a phone: a picture under an event that
//! took place, shown small on the page and large behind a link, re-encoded without its
//! metadata; a file that is not a picture, a seventh photo or a future event come back with
//! the caption kept and the reason; editors delete photos, and photos of an event that left
//! the list are swept with their files.

use http::StatusCode;
use poputchiki_tests::{location, TestApp};

const PW: &str = "рыжий кот на крыше";

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        w,
        h,
        image::Rgb([30, 120, 60]),
    ));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode");
    out.into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_adds_photos_to_a_past_event_and_the_page_shows_them() {
    let app = TestApp::empty().await;
    let report = app
        .import_json(
            r#"[{"name": "Клуб «Журавушка»", "kind": "initiative_group", "okrug": "ketovsky",
  "events": [
    {"title": "Субботник у клуба", "starts_at": "2020-05-01 10:00", "report": "Пришли двадцать человек."},
    {"title": "Ярмарка", "starts_at": "2099-05-01 10:00"}
  ]}]"#,
        )
        .await;
    assert_eq!(report.created, 1, "{:?}", report.errors);
    let id = app.org_id("Журавушка").await;
    let past = app
        .scalar_text(&format!(
            "select uid from event where organization_id = {id} and title like 'Субботник%'"
        ))
        .await;
    let future = app
        .scalar_text(&format!(
            "select uid from event where organization_id = {id} and title = 'Ярмарка'"
        ))
        .await;
    app.editor("lead@example.ru", PW, id).await;
    let mut b = app.browser();
    b.login("lead@example.ru", PW).await;
    let page = b.get(&format!("/org/{id}")).await;
    let action = format!("/events/{past}/photos");
    assert!(
        page.body.contains(&action),
        "the editor sees the photo form"
    );
    assert!(
        !app.get(&format!("/org/{id}")).await.body.contains(&action),
        "a visitor does not"
    );
    let org = location(&b.get(&format!("/org/{id}")).await);
    let path = if org.is_empty() {
        format!("/org/{id}")
    } else {
        org
    };
    let post = |uid: &str| format!("{path}/events/{uid}/photos");

    let caption = format!("caption-{past}");
    let big = jpeg(2000, 1500);
    let sent = b
        .post_multipart(
            &post(&past),
            &[(caption.as_str(), "Все вместе")],
            &[("photo", "IMG_0001.JPG", "image/jpeg", big.clone())],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert!(
        location(&sent).contains("notice=photo-added"),
        "{}",
        location(&sent)
    );
    let page = app.get(&format!("/org/{id}")).await;
    let small = page
        .body
        .split("src=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap_or(0)])
        .find(|s| s.starts_with("/uploads/events/"))
        .expect("the small picture is on the page")
        .to_owned();
    assert!(page.body.contains("Все вместе"));
    let (status, headers, bytes) = app.get_bytes(&small).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("image/jpeg")
    );
    let img = image::load_from_memory(&bytes).expect("decodes");
    assert!(
        img.width() <= 360 && img.height() <= 360,
        "small: {}x{}",
        img.width(),
        img.height()
    );
    let large = small.replace("-s.jpg", ".jpg");
    let (_, _, large_bytes) = app.get_bytes(&large).await;
    let img = image::load_from_memory(&large_bytes).expect("decodes");
    assert_eq!((img.width(), img.height()), (1280, 960));

    // Not a picture: back with the caption and the reason; nothing stored.
    let bad = b
        .post_multipart(
            &post(&past),
            &[(caption.as_str(), "Подпись не пропадёт")],
            &[("photo", "x.jpg", "image/jpeg", b"not an image".to_vec())],
        )
        .await;
    assert!(location(&bad).contains("draft="), "{}", location(&bad));
    let back = b.get(&location(&bad)).await;
    assert!(back.body.contains("Это не картинка"), "{}", back.body);
    assert!(back.body.contains("Подпись не пропадёт"));
    // A future event takes no photos.
    let early = b
        .post_multipart(
            &post(&future),
            &[],
            &[("photo", "a.jpg", "image/jpeg", jpeg(10, 10))],
        )
        .await;
    assert!(b
        .get(&location(&early))
        .await
        .body
        .contains("Этого события больше нет"));
    let count_sql = format!("select count(*) from event_photo where organization_id = {id}");
    let count = || app.scalar_i64(&count_sql);
    assert_eq!(count().await, 1);

    // Six at most.
    for _ in 0..5 {
        b.post_multipart(
            &post(&past),
            &[],
            &[("photo", "a.jpg", "image/jpeg", jpeg(40, 30))],
        )
        .await;
    }
    let seventh = b
        .post_multipart(
            &post(&past),
            &[],
            &[("photo", "a.jpg", "image/jpeg", jpeg(40, 30))],
        )
        .await;
    assert!(b.get(&location(&seventh)).await.body.contains("уже 6 фото"));
    assert_eq!(count().await, 6);

    // Delete one; then the event leaves the list and housekeeping sweeps the rest.
    let photo = app.scalar_i64("select min(id) from event_photo").await;
    let gone = b.post(&format!("{path}/photos/{photo}/delete"), &[]).await;
    assert!(location(&gone).contains("notice=photo-removed"));
    assert_eq!(
        app.get_bytes(&small).await.0,
        StatusCode::NOT_FOUND,
        "its files are deleted"
    );
    assert_eq!(count().await, 5);
    sqlx::query("delete from event where uid = $1")
        .bind(&past)
        .execute(&app.state.db)
        .await
        .expect("delete the event");
    let swept = poputchiki_core::events::photos::purge_orphans(
        &app.state.db,
        &app.state.config.uploads_dir,
    )
    .await
    .expect("purge");
    assert_eq!(swept, 5);
    let left = std::fs::read_dir(app.data_dir().join("uploads/events"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(left, 0, "no file is left behind");
}
