//! The test browser: keeps cookies between requests like a real one, fills in the CSRF
//! token the way our forms do, and logs in through the real forms, second factor included.

use axum::body::Body;
use axum::Router;
use http::{Request, StatusCode};
use server::loadgen::http::CookieJar;
use tower::ServiceExt;

use crate::{location, Page};

/// A browser for tests: keeps cookies between requests like a real one, and fills in the
/// CSRF token the way a form on our pages would.
pub struct Browser {
    router: Router,
    pub cookies: CookieJar,
    db: app::db::Db,
}

/// The TOTP secret test accounts with a second factor share (base32).
pub const TEST_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The current TOTP code for [`TEST_TOTP_SECRET`].
pub fn totp_now() -> String {
    use totp_rs::{Algorithm, Secret, TOTP};
    let bytes = Secret::Encoded(TEST_TOTP_SECRET.to_owned())
        .to_bytes()
        .expect("base32");
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes)
        .expect("totp")
        .generate_current()
        .expect("clock")
}

impl Browser {
    /// A browser with no cookies yet, against `router`.
    pub fn new(router: Router, db: app::db::Db) -> Self {
        Self {
            router,
            cookies: Default::default(),
            db,
        }
    }

    fn absorb(&mut self, headers: &http::HeaderMap) {
        let set = headers.get_all(http::header::SET_COOKIE).into_iter();
        self.cookies.absorb(set.filter_map(|v| v.to_str().ok()));
    }

    /// The CSRF token this browser's forms carry ("" before the first page).
    pub fn csrf(&self) -> String {
        self.cookies.csrf()
    }

    pub async fn send(&mut self, req: Request<Body>) -> Page {
        let resp = self.router.clone().oneshot(req).await.expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        self.absorb(&headers);
        let bytes = axum::body::to_bytes(resp.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let req = Request::get(path)
            .header("cookie", self.cookies.header())
            .body(Body::empty())
            .expect("request");
        self.send(req).await
    }

    /// Posts a form as our pages do: same origin, with this browser's CSRF token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        if self.csrf().is_empty() {
            self.get("/login").await;
        }
        let token = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts owned fields (an edit form, say) as our pages do.
    pub async fn post_fields(&mut self, path: &str, fields: &[(String, String)]) -> Page {
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post(path, &pairs).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let req = Request::post(path)
            .header("cookie", self.cookies.header())
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "127.0.0.1:3000")
            .header("origin", "http://127.0.0.1:3000")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    /// Posts a multipart form (with files) as our pages do.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, Vec<u8>)],
    ) -> Page {
        if self.csrf().is_empty() {
            self.get("/login").await;
        }
        let boundary = "----poputchikiTestBoundary7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = vec![];
        let token = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        for (k, v) in all {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        for (field, name, ctype, data) in files {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: {ctype}\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header("cookie", self.cookies.header())
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("host", "127.0.0.1:3000")
            .header("origin", "http://127.0.0.1:3000")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    /// Logs in through the real forms (and the code step, for accounts with a second
    /// factor); panics if it fails.
    pub async fn login(&mut self, email: &str, password: &str) {
        let mut page = self
            .post("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "login of {email}: {}",
            page.body
        );
        if location(&page) == "/login/code" {
            // A code works once per 30-second step; tests log the same account in more often
            // than that, so the step record is reset here (replay has its own test).
            sqlx::query("update account set totp_last_step = 0 where email = $1")
                .bind(email)
                .execute(&self.db)
                .await
                .expect("reset step");
            let code = totp_now();
            page = self.post("/login/code", &[("totp_code", &code)]).await;
            assert_eq!(
                page.status,
                StatusCode::SEE_OTHER,
                "code step: {}",
                page.body
            );
        }
        assert!(
            location(&page).starts_with("/account"),
            "login of {email} failed: {}",
            location(&page)
        );
    }
}
