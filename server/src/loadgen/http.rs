//! A deliberately small HTTP/1.1 client for the reliability scripts: one connection per
//! request (`Connection: close`), cookies kept like a browser's, the CSRF token put into
//! forms the way our pages do. Enough for loopback load; not a general client.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A response: status, headers (lowercased names) and the decoded body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Cookies kept between requests the way a browser keeps them: `Set-Cookie` stores or (when
/// empty or `Max-Age=0`) removes one; every request sends them all. The load tools and the
/// test browser (`tests/src/browser.rs`) share it.
#[derive(Clone, Debug, Default)]
pub struct CookieJar(pub BTreeMap<String, String>);

impl CookieJar {
    /// The `Cookie` header to send ("" when there are none).
    pub fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Takes in the values of a response's `Set-Cookie` headers.
    pub fn absorb<'a>(&mut self, set_cookies: impl IntoIterator<Item = &'a str>) {
        for v in set_cookies {
            let first = v.split(';').next().unwrap_or("");
            let Some((name, value)) = first.split_once('=') else {
                continue;
            };
            if value.is_empty() || v.contains("Max-Age=0") {
                self.0.remove(name);
            } else {
                self.0.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    /// The CSRF token forms on our pages carry ("" before the first page).
    pub fn csrf(&self) -> String {
        self.0.get("poputchiki_csrf").cloned().unwrap_or_default()
    }
}

impl std::ops::Deref for CookieJar {
    type Target = BTreeMap<String, String>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for CookieJar {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

/// A browser-like client against one server.
#[derive(Clone, Debug)]
pub struct Client {
    addr: SocketAddr,
    pub cookies: CookieJar,
    pub timeout: Duration,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            cookies: CookieJar::default(),
            timeout: Duration::from_secs(30),
        }
    }

    fn absorb(&mut self, resp: &Response) {
        let set = resp.headers.iter().filter(|(k, _)| k == "set-cookie");
        self.cookies.absorb(set.map(|(_, v)| v.as_str()));
    }

    /// The CSRF token this client's forms carry.
    pub fn csrf(&self) -> String {
        self.cookies.csrf()
    }

    pub async fn get(&mut self, path: &str) -> anyhow::Result<Response> {
        self.send("GET", path, None).await
    }

    /// Posts a form with this client's CSRF token (fetching a page first if it has none).
    pub async fn post_form(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> anyhow::Result<Response> {
        if self.csrf().is_empty() {
            self.get("/login").await?;
        }
        let body = encode_form(&self.csrf(), fields);
        self.send("POST", path, Some(body)).await
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> anyhow::Result<Response> {
        let resp = tokio::time::timeout(self.timeout, self.exchange(method, path, body))
            .await
            .context("timed out")??;
        self.absorb(&resp);
        Ok(resp)
    }

    async fn exchange(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> anyhow::Result<Response> {
        let mut stream = TcpStream::connect(self.addr).await?;
        let host = self.addr.to_string();
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nUser-Agent: poputchiki-loadgen\r\n"
        );
        if !self.cookies.is_empty() {
            req.push_str(&format!("Cookie: {}\r\n", self.cookies.header()));
        }
        if let Some(b) = &body {
            req.push_str(&format!(
                "Origin: http://{host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                b.len()
            ));
        }
        req.push_str("\r\n");
        if let Some(b) = body {
            req.push_str(&b);
        }
        stream.write_all(req.as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        parse(&raw)
    }
}

/// A form body with the token first, as our pages send it.
fn encode_form(token: &str, fields: &[(&str, &str)]) -> String {
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.append_pair("csrf_token", token);
    for (k, v) in fields {
        body.append_pair(k, v);
    }
    body.finish()
}

/// Parses a whole HTTP/1.1 response (the connection was closed after it).
pub fn parse(raw: &[u8]) -> anyhow::Result<Response> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("no end of headers")?;
    let head = std::str::from_utf8(&raw[..split]).context("headers are not UTF-8")?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .context("no status")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
        .collect();
    let rest = &raw[split + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)?
    } else {
        rest.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .context("a chunk size line")?;
        let size_text = std::str::from_utf8(&rest[..line_end])?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        anyhow::ensure!(rest.len() >= size + 2, "a chunk was cut off");
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_and_plain_bodies_are_read() {
        let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=b; Path=/\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        let r = parse(raw).expect("parse");
        assert_eq!((r.status, r.body.as_slice()), (200, &b"abcde"[..]));
        assert_eq!(r.header("set-cookie"), Some("a=b; Path=/"));
        let plain = parse(b"HTTP/1.1 303 See Other\r\nLocation: /x\r\n\r\n").expect("parse");
        assert_eq!((plain.status, plain.header("location")), (303, Some("/x")));
    }
}
