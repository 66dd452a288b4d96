//! QR codes as inline SVG: the second factor's set-up and the posters' links.

/// The QR code of an address as inline SVG (no image files, no JavaScript); empty if the
/// text cannot be encoded.
pub fn qr_svg(data: &str) -> String {
    match qrcode::QrCode::new(data.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}
