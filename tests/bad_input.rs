//! Bad input never panics and never loses data: huge fields, HTML and script in every text
//! field, broken and disguised images, oversized uploads. Each comes back as a clear message
//! with the form still filled, and user text is always shown escaped.

use http::StatusCode;
use poputchiki_tests::{location, Browser, TestApp};

const PW: &str = "рыжий кот на крыше";
const XSS: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

async fn editor_of_first(app: &TestApp) -> (i64, Browser) {
    let id = app
        .scalar_i64("select id from organization order by id limit 1")
        .await;
    app.editor("ed@example.ru", PW, id).await;
    let mut b = app.browser();
    b.login("ed@example.ru", PW).await;
    (id, b)
}

async fn fields_of(app: &TestApp, id: i64) -> Vec<(String, String)> {
    app.edit_form(id).await
}

fn set(f: &mut Vec<(String, String)>, k: &str, v: &str) {
    f.retain(|(key, _)| key != k);
    f.push((k.into(), v.into()));
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_in_every_text_field_is_stored_as_text_and_shown_escaped() {
    let app = TestApp::with_demo().await;
    let (id, mut b) = editor_of_first(&app).await;
    let mut f = fields_of(&app, id).await;
    for k in [
        "name",
        "summary",
        "description",
        "settlement",
        "address",
        "services[1].name",
        "services[1].description",
        "services[1].how_to_apply",
        "services[1].schedule",
        "events[1].title",
        "events[1].description",
        "events[1].place",
        "needs[1].title",
        "needs[1].description",
    ] {
        set(&mut f, k, &format!("{k} {XSS}"));
    }
    set(&mut f, "events[1].starts_at", "2099-12-05 14:00");
    set(&mut f, "needs[1].kind", "volunteers");
    let saved = b.post(&format!("/org/{id}/edit"), &pairs(&f)).await;
    assert!(
        location(&saved).ends_with("?notice=saved"),
        "{}",
        location(&saved)
    );
    for path in [
        location(&saved),
        format!("/org/{id}/edit"),
        format!("/org/{id}/history"),
        "/".to_owned(),
    ] {
        let page = b.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            !page.body.contains("<script>alert(1)"),
            "raw script on {path}: {}",
            page.body
                .find("<script>alert(1)")
                .map(|i| &page.body[i.saturating_sub(300)..i + 60])
                .unwrap_or("")
        );
        assert!(!page.body.contains("<img src=x"), "raw tag on {path}");
    }
    let page = b.get(&location(&saved)).await;
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );

    // Invalid contacts holding markup come back as messages, escaped too.
    let mut f = fields_of(&app, id).await;
    set(&mut f, "email", XSS);
    set(&mut f, "website", "javascript:alert(1)");
    let back = b.post(&format!("/org/{id}/edit"), &pairs(&f)).await;
    let form = b.get(&location(&back)).await;
    assert!(form.body.contains("не похоже на адрес электронной почты"));
    assert!(
        form.body.contains("не похоже на адрес сайта"),
        "javascript: links are refused"
    );
    assert!(!form.body.contains("<script>alert(1)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_description_is_refused_with_a_message_and_kept_whole() {
    let app = TestApp::with_demo().await;
    let (id, mut b) = editor_of_first(&app).await;
    let mut f = fields_of(&app, id).await;
    let huge = format!(
        "{}КОНЕЦ",
        "Очень длинный рассказ о нашей работе. ".repeat(6000)
    );
    set(&mut f, "description", &huge);
    set(&mut f, "name", &"Я".repeat(5000));
    let back = b.post(&format!("/org/{id}/edit"), &pairs(&f)).await;
    assert!(location(&back).contains("draft="), "{}", back.body);
    let form = b.get(&location(&back)).await;
    assert!(form
        .body
        .contains("Слишком длинно: не больше 10000 символов."));
    assert!(form
        .body
        .contains("Слишком длинно: не больше 300 символов."));
    assert!(
        form.body.contains("КОНЕЦ"),
        "all of the text is still there to shorten"
    );
}

/// A PNG with a text chunk (the kind of metadata a logo must lose).
fn png_with_comment(w: u32, h: u32, comment: &str) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(w, h, image::Rgba([10, 120, 60, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    let png = out.into_inner();
    let mut data = b"Comment\0".to_vec();
    data.extend_from_slice(comment.as_bytes());
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = b"tEXt".to_vec();
    body.extend_from_slice(&data);
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32(&body).to_be_bytes());
    // Right after the 8-byte signature and the 25-byte IHDR chunk.
    let mut with = png[..33].to_vec();
    with.extend_from_slice(&chunk);
    with.extend_from_slice(&png[33..]);
    with
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logos_broken_disguised_or_too_big_are_refused_and_good_ones_lose_their_metadata() {
    let app = TestApp::with_demo().await;
    let (id, mut b) = editor_of_first(&app).await;
    let mut f = fields_of(&app, id).await;
    set(&mut f, "summary", "Текст, который нельзя потерять");
    let path = format!("/org/{id}/edit");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "image/png",
            b"\x89PNG\r\n\x1a\nthis is not really a png".to_vec(),
            "повреждён",
        ),
        (
            "image/png",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "Это не картинка",
        ),
        ("image/jpeg", vec![0xFF; 9 * 1024 * 1024], "больше 8 МБ"),
    ];
    for (ctype, bytes, message) in cases {
        let back = b
            .post_multipart(&path, &pairs(&f), &[("logo", "logo.png", ctype, bytes)])
            .await;
        assert_eq!(back.status, StatusCode::SEE_OTHER);
        let form = b.get(&location(&back)).await;
        assert!(form.body.contains(message), "{message}");
        assert!(
            form.body.contains("Текст, который нельзя потерять"),
            "the form is still filled"
        );
    }
    assert_eq!(
        app.scalar_i64(&format!(
            "select count(logo) from organization where id = {id}"
        ))
        .await,
        0
    );

    let png = png_with_comment(1024, 768, "GPS 55.44 65.34 secret");
    assert!(png.windows(6).any(|w| w == b"secret"));
    let saved = b
        .post_multipart(
            &path,
            &pairs(&f),
            &[("logo", "Логотип.png", "image/png", png)],
        )
        .await;
    assert!(
        location(&saved).ends_with("?notice=saved"),
        "{}",
        location(&saved)
    );
    let name = app
        .scalar_text(&format!("select logo from organization where id = {id}"))
        .await;
    let stored =
        std::fs::read(app.data_dir().join("uploads/logos").join(&name)).expect("stored file");
    assert!(
        !stored.windows(6).any(|w| w == b"secret"),
        "metadata stripped"
    );
    let img = image::load_from_memory(&stored).expect("decodes");
    assert_eq!((img.width(), img.height()), (512, 384), "scaled to fit 512");
    let page = b.get(&location(&saved)).await;
    assert!(page.body.contains(&format!("/uploads/logos/{name}")));
    let served = b.get(&format!("/uploads/logos/{name}")).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(
        served
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/png")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn junk_in_ids_tokens_and_forms_gets_clear_errors_not_panics() {
    let app = TestApp::with_demo().await;
    let mut b = app.browser();
    for path in [
        "/org/abc/edit",
        "/org/999999/edit",
        "/invite/../../etc",
        "/password/reset/xyz",
        "/org/1/history?x=%FF",
    ] {
        let page = b.get(path).await;
        assert!(page.status.is_client_error(), "{path}: {}", page.status);
    }
    let page = b
        .post("/org/99999999999999999999/report", &[("message", "x")])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = b.post("/staff/reports/notanumber/resolve", &[]).await;
    assert!(page.status.is_client_error());
    // A NUL character (PostgreSQL refuses it in text) is dropped, not a 500.
    let id = app.scalar_i64("select min(id) from organization").await;
    let page = b
        .post(
            &format!("/org/{id}/report"),
            &[("message", "Телефон\0 не отвечает")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        app.scalar_text("select message from error_report order by id desc limit 1")
            .await,
        "Телефон не отвечает"
    );
    let emoji = "😀".repeat(3000);
    let page = b
        .post("/login", &[("email", &emoji), ("password", &emoji)])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}
