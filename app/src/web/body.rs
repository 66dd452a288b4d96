//! Parsing form bodies with small, fixed caps, so an anonymous post costs the server at most
//! about a megabyte of memory: a field count, a total for the text, one file, and a token
//! that must come before any file.
//!
//! The caps are far above what a real form needs (the biggest, the organization edit form,
//! holds about 40 fields of at most 10,000 characters), and far below what a script would
//! need to hurt.

use axum::body::Body;
use futures_util::StreamExt;
use http_body_util::BodyExt;

use crate::accounts::token::same_secret;
use crate::text::without_nul;

/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// Largest url-encoded body. Browsers percent-encode Cyrillic at 6 bytes a letter (3 per
/// byte of UTF-8), so this holds [`MAX_FORM_TEXT`] of decoded text.
pub const MAX_URLENCODED: usize = 3 * 1024 * 1024;
/// Most fields a form may have (the edit form has about 40, plus 10 per service row).
pub const MAX_FIELDS: usize = 400;
/// Most text, in bytes, across all fields of a form once decoded: a hundred times the
/// longest text a form accepts (10,000 characters), so even a pasted document comes back
/// whole, with a message, to be shortened.
pub const MAX_FORM_TEXT: usize = 1024 * 1024;
/// Largest multipart stream read at all: one file of up to [`MAX_UPLOAD`] plus the text.
/// A bigger file is read to the end and dropped (the form comes back with a message).
pub const MAX_MULTIPART_STREAM: u64 = 16 * 1024 * 1024;
/// Largest uploaded file kept.
pub const MAX_UPLOAD: usize = 8 * 1024 * 1024;
/// Files per form: every form of ours has at most one file input.
pub const MAX_FILES: usize = 1;

pub use poputchiki_core::editing::logo::Upload;

/// A form body, parsed by the gate after the CSRF check.
#[derive(Clone, Debug, Default)]
pub struct SubmittedForm {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl SubmittedForm {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The fields without the CSRF token and without anything password-like (passwords,
    /// one-time codes, recovery codes), safe to keep in a draft.
    pub fn keepable_fields(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|(k, _)| keepable(k))
            .cloned()
            .collect()
    }

    pub fn file(&self, field: &str) -> Option<&Upload> {
        self.files.iter().find(|f| f.field == field)
    }
}

/// Whether a field may be kept in a draft or echoed back on a page.
pub fn keepable(name: &str) -> bool {
    name != CSRF_FIELD
        && !name.contains("password")
        && !name.contains("totp")
        && !name.contains("recovery")
}

/// Why a body was not accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    /// Over one of the caps.
    TooLarge,
    Malformed,
    /// A file came before a valid token: refused without reading it.
    TokenFirst,
}

/// Parses an url-encoded body of at most [`MAX_URLENCODED`] bytes and [`MAX_FIELDS`] fields.
pub async fn parse_urlencoded(body: Body) -> Result<SubmittedForm, BodyError> {
    let bytes = http_body_util::Limited::new(body, MAX_URLENCODED)
        .collect()
        .await
        .map_err(|_| BodyError::TooLarge)?
        .to_bytes();
    parse_urlencoded_bytes(&bytes)
}

/// The url-encoded parser itself (also the fuzz target's entry).
pub fn parse_urlencoded_bytes(bytes: &[u8]) -> Result<SubmittedForm, BodyError> {
    if bytes.len() > MAX_URLENCODED {
        return Err(BodyError::TooLarge);
    }
    let mut fields = Vec::new();
    let mut text = 0usize;
    for (k, v) in form_urlencoded::parse(bytes) {
        text += k.len() + v.len();
        if fields.len() == MAX_FIELDS || text > MAX_FORM_TEXT {
            return Err(BodyError::TooLarge);
        }
        fields.push((without_nul(k.into_owned()), without_nul(v.into_owned())));
    }
    Ok(SubmittedForm {
        fields,
        files: vec![],
    })
}

/// Streams a multipart body within the caps. `header_token_ok`: the request already proved
/// its token in a header. Otherwise the `csrf_token` field must equal `csrf` before any file
/// part starts, so a file is never read for a request that will be refused.
pub async fn parse_multipart(
    body: Body,
    content_type: &str,
    csrf: &str,
    header_token_ok: bool,
) -> Result<SubmittedForm, BodyError> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| BodyError::Malformed)?;
    let constraints = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(MAX_MULTIPART_STREAM));
    let mut mp =
        multer::Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    let mut form = SubmittedForm::default();
    let mut text_bytes = 0usize;
    let mut token_ok = header_token_ok;
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(stream_error(e)),
        };
        if form.fields.len() + form.files.len() >= MAX_FIELDS {
            return Err(BodyError::TooLarge);
        }
        let name = field
            .name()
            .unwrap_or("")
            .chars()
            .filter(|c| *c != '\0')
            .take(200)
            .collect::<String>();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                if !token_ok {
                    return Err(BodyError::TokenFirst);
                }
                let upload = read_upload(field, name, file_name).await?;
                let empty = upload.file_name.is_empty() && upload.bytes.is_empty();
                if !empty || upload.too_large {
                    if form.files.len() == MAX_FILES {
                        return Err(BodyError::TooLarge);
                    }
                    form.files.push(upload);
                }
            }
            None => {
                let room = MAX_FORM_TEXT - text_bytes;
                let bytes = read_capped(field, room).await?.ok_or(BodyError::TooLarge)?;
                text_bytes += bytes.len() + name.len();
                if text_bytes > MAX_FORM_TEXT {
                    return Err(BodyError::TooLarge);
                }
                let value = without_nul(String::from_utf8_lossy(&bytes).into_owned());
                if name == CSRF_FIELD && same_secret(&value, csrf) {
                    token_ok = true;
                }
                form.fields.push((name, value));
            }
        }
    }
    Ok(form)
}

fn stream_error(e: multer::Error) -> BodyError {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            BodyError::TooLarge
        }
        // The server's own body limit, met while reading: the body was too large.
        multer::Error::StreamReadFailed(inner)
            if inner.is::<http_body_util::LengthLimitError>()
                || inner
                    .source()
                    .is_some_and(|s| s.is::<http_body_util::LengthLimitError>()) =>
        {
            BodyError::TooLarge
        }
        _ => BodyError::Malformed,
    }
}

/// Reads a field up to `cap` bytes; `None` when it was longer (the rest is drained).
async fn read_capped(
    mut field: multer::Field<'_>,
    cap: usize,
) -> Result<Option<Vec<u8>>, BodyError> {
    let mut data = Vec::new();
    let mut over = false;
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(stream_error)?;
        if over || data.len() + chunk.len() > cap {
            over = true;
            data = Vec::new();
        } else {
            data.extend_from_slice(&chunk);
        }
    }
    Ok((!over).then_some(data))
}

async fn read_upload(
    field: multer::Field<'_>,
    name: String,
    file_name: String,
) -> Result<Upload, BodyError> {
    let content_type = field
        .content_type()
        .map(|m| m.essence_str().to_owned())
        .unwrap_or_default();
    let data = read_capped(field, MAX_UPLOAD).await?;
    Ok(Upload {
        field: name,
        file_name: file_name.chars().take(200).collect(),
        content_type,
        too_large: data.is_none(),
        bytes: data.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (Body, String) {
        let boundary = "XyZ";
        let mut body = Vec::new();
        for (name, file, data) in parts {
            let disp = match file {
                Some(f) => format!("form-data; name=\"{name}\"; filename=\"{f}\""),
                None => format!("form-data; name=\"{name}\""),
            };
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: {disp}\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (
            Body::from(body),
            format!("multipart/form-data; boundary={boundary}"),
        )
    }

    #[tokio::test]
    async fn text_beyond_a_megabyte_in_total_is_refused() {
        let big = vec![b'a'; 400 * 1024];
        let parts: Vec<(&str, Option<&str>, &[u8])> =
            (0..3).map(|_| ("f", None, &big[..])).collect();
        let (body, ct) = multipart(&parts);
        assert_eq!(
            parse_multipart(body, &ct, "t", false).await.err(),
            Some(BodyError::TooLarge)
        );
        let (body, ct) = multipart(&parts[..2]);
        assert_eq!(
            parse_multipart(body, &ct, "t", false)
                .await
                .map(|f| f.fields.len()),
            Ok(2)
        );
    }

    #[tokio::test]
    async fn a_file_before_the_token_is_never_read_and_only_one_file_is_taken() {
        let (body, ct) = multipart(&[("logo", Some("a.png"), b"PNG"), ("csrf_token", None, b"t")]);
        assert_eq!(
            parse_multipart(body, &ct, "t", false).await.err(),
            Some(BodyError::TokenFirst)
        );
        let (body, ct) = multipart(&[("csrf_token", None, b"t"), ("logo", Some("a.png"), b"PNG")]);
        let form = parse_multipart(body, &ct, "t", false).await.expect("ok");
        assert_eq!(form.files.len(), 1);
        let (body, ct) = multipart(&[
            ("csrf_token", None, b"t"),
            ("logo", Some("a.png"), b"PNG"),
            ("logo2", Some("b.png"), b"PNG"),
        ]);
        assert_eq!(
            parse_multipart(body, &ct, "t", false).await.err(),
            Some(BodyError::TooLarge)
        );
    }

    #[test]
    fn too_many_url_encoded_fields_are_refused() {
        let many = "a=1&".repeat(MAX_FIELDS + 1);
        assert_eq!(
            parse_urlencoded_bytes(many.as_bytes()).err(),
            Some(BodyError::TooLarge)
        );
        let fine = "a=1&".repeat(MAX_FIELDS);
        assert_eq!(
            parse_urlencoded_bytes(fine.as_bytes()).map(|f| f.fields.len()),
            Ok(MAX_FIELDS)
        );
    }

    #[test]
    fn drafts_never_keep_passwords_codes_or_the_token() {
        let form = SubmittedForm {
            fields: vec![
                ("email".into(), "a@b.ru".into()),
                ("password".into(), "secret".into()),
                ("new_password_again".into(), "secret".into()),
                ("totp_code".into(), "123456".into()),
                ("recovery_code".into(), "abcd-efgh".into()),
                (CSRF_FIELD.into(), "t".into()),
            ],
            files: vec![],
        };
        assert_eq!(
            form.keepable_fields(),
            vec![("email".to_owned(), "a@b.ru".to_owned())]
        );
    }
}
