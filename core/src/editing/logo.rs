//! Logos: an upload is accepted only if it decodes as PNG, JPEG, WebP or GIF (whatever its
//! name or declared type says), is at most 8 MB, and is not absurdly large in pixels. It is
//! then scaled to fit 512 × 512 and re-encoded (PNG when it has transparency, else JPEG), which
//! also drops every piece of metadata (EXIF, GPS, comments) the original carried.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// The longest side of a stored logo, in pixels.
pub const MAX_SIDE: u32 = 512;
/// Larger pictures are refused before decoding (a "decompression bomb" guard).
const MAX_PIXELS_SIDE: u32 = 12_000;

/// A logo ready to store.
#[derive(Debug)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub extension: &'static str,
}

/// A file from a multipart form.
#[derive(Clone, Debug)]
pub struct Upload {
    pub field: String,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// Bigger than the upload cap (the web layer's `MAX_UPLOAD`): `bytes` is empty.
    pub too_large: bool,
}

/// Checks, decodes, scales and re-encodes an upload. The error is an i18n key.
pub fn process(upload: &Upload) -> Result<Logo, &'static str> {
    fit(&decode(upload)?, MAX_SIDE)
}

/// Checks and decodes an upload (photos too). The error is an i18n key.
pub fn decode(upload: &Upload) -> Result<DynamicImage, &'static str> {
    if upload.too_large {
        return Err("err-logo-too-large");
    }
    let format = image::guess_format(&upload.bytes).map_err(|_| "err-logo-type")?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP | ImageFormat::Gif
    ) {
        return Err("err-logo-type");
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    let mut reader = ImageReader::with_format(Cursor::new(&upload.bytes), format);
    reader.limits(limits);
    reader.decode().map_err(|_| "err-logo-broken")
}

/// A decoded picture scaled to fit `side` × `side` and re-encoded without its metadata.
pub fn fit(img: &DynamicImage, side: u32) -> Result<Logo, &'static str> {
    let img = if img.width() > side || img.height() > side {
        img.thumbnail(side, side)
    } else {
        img.clone()
    };
    encode(img).map_err(|_| "err-logo-broken")
}

fn encode(img: DynamicImage) -> image::ImageResult<Logo> {
    let mut out = Cursor::new(Vec::new());
    if img.color().has_alpha() {
        img.to_rgba8().write_to(&mut out, ImageFormat::Png)?;
        return Ok(Logo {
            bytes: out.into_inner(),
            extension: "png",
        });
    }
    let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&rgb)?;
    Ok(Logo {
        bytes: out.into_inner(),
        extension: "jpg",
    })
}

/// The folder logos are kept in.
pub fn dir(uploads: &Path) -> PathBuf {
    uploads.join("logos")
}

/// Writes a logo for an organization and returns its file name. The name changes with the
/// content, so browsers never show a stale cached logo.
pub async fn store(uploads: &Path, organization_id: i64, logo: &Logo) -> anyhow::Result<String> {
    use sha2::{Digest, Sha256};
    let dir = dir(uploads);
    tokio::fs::create_dir_all(&dir).await?;
    let hash = hex::encode(&Sha256::digest(&logo.bytes)[..6]);
    let name = format!("{organization_id}-{hash}.{}", logo.extension);
    let tmp = dir.join(format!(".{name}.tmp"));
    tokio::fs::write(&tmp, &logo.bytes).await?;
    tokio::fs::rename(&tmp, dir.join(&name)).await?;
    Ok(name)
}

/// Deletes a logo file that is no longer used (a missing file is fine).
pub async fn remove(uploads: &Path, name: &str) {
    if name.contains('/') || name.contains("..") {
        return;
    }
    let _ = tokio::fs::remove_file(dir(uploads).join(name)).await;
}

pub use crate::organizations::logo_url as url;

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(bytes: Vec<u8>) -> Upload {
        Upload {
            field: "logo".into(),
            file_name: "logo.png".into(),
            content_type: "image/png".into(),
            bytes,
            too_large: false,
        }
    }

    #[test]
    fn a_big_photo_is_scaled_down_and_re_encoded() {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            1600,
            800,
            image::Rgb([200, 30, 30]),
        ));
        let mut png = Cursor::new(Vec::new());
        img.write_to(&mut png, ImageFormat::Png).expect("encode");
        let logo = process(&upload(png.into_inner())).expect("accepted");
        assert_eq!(logo.extension, "jpg");
        let back = image::load_from_memory(&logo.bytes).expect("decodes");
        assert_eq!((back.width(), back.height()), (512, 256));
    }

    #[test]
    fn junk_broken_and_oversized_uploads_are_refused_with_reasons() {
        assert_eq!(
            process(&upload(b"<script>alert(1)</script>".to_vec())).err(),
            Some("err-logo-type")
        );
        let mut broken = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        broken.extend_from_slice(&[0; 40]);
        assert_eq!(process(&upload(broken)).err(), Some("err-logo-broken"));
        let mut big = upload(vec![]);
        big.too_large = true;
        assert_eq!(process(&big).err(), Some("err-logo-too-large"));
    }
}
