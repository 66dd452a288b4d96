//! Russian registry identifiers: ИНН (taxpayer number) and ОГРН (state registration number),
//! checked by their check digits. Pure functions, shared by import, forms and the browser.

/// Why an identifier was refused. Each maps to a localized message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierError {
    /// Contains something other than digits (after spaces are removed).
    NotDigits,
    /// Wrong number of digits.
    BadLength,
    /// The digits are well formed but the check digit does not match.
    BadChecksum,
    /// An ОГРН whose first digit does not mark a legal-entity record (1 or 5).
    NotLegalEntity,
}

impl IdentifierError {
    /// The i18n key of the message shown to people.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::NotDigits => "err-id-not-digits",
            Self::BadLength => "err-id-length",
            Self::BadChecksum => "err-id-checksum",
            Self::NotLegalEntity => "err-ogrn-not-legal-entity",
        }
    }
}

/// Removes the spaces and dashes people type inside numbers, and checks the rest are digits.
fn digits(raw: &str) -> Result<Vec<u32>, IdentifierError> {
    raw.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .map(|c| c.to_digit(10).ok_or(IdentifierError::NotDigits))
        .collect()
}

fn weighted_check(d: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = d.iter().zip(weights).map(|(a, b)| a * b).sum();
    sum % 11 % 10
}

/// Validates an ИНН of 10 digits (organizations) or 12 digits (individuals) and returns
/// it normalised to bare digits.
pub fn validate_inn(raw: &str) -> Result<String, IdentifierError> {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let d = digits(raw)?;
    let ok = match d.len() {
        10 => weighted_check(&d[..9], &W10) == d[9],
        12 => weighted_check(&d[..10], &W11) == d[10] && weighted_check(&d[..11], &W12) == d[11],
        _ => return Err(IdentifierError::BadLength),
    };
    if ok {
        Ok(d.iter()
            .map(|x| char::from_digit(*x, 10).unwrap_or('0'))
            .collect())
    } else {
        Err(IdentifierError::BadChecksum)
    }
}

/// Validates a 13-digit ОГРН of a legal entity and returns it normalised to bare digits.
pub fn validate_ogrn(raw: &str) -> Result<String, IdentifierError> {
    let d = digits(raw)?;
    if d.len() != 13 {
        return Err(IdentifierError::BadLength);
    }
    if !matches!(d[0], 1 | 5) {
        return Err(IdentifierError::NotLegalEntity);
    }
    let n12 = d[..12].iter().fold(0u64, |acc, x| acc * 10 + u64::from(*x));
    if (n12 % 11 % 10) as u32 != d[12] {
        return Err(IdentifierError::BadChecksum);
    }
    Ok(d.iter()
        .map(|x| char::from_digit(*x, 10).unwrap_or('0'))
        .collect())
}

/// Appends the ИНН-10 check digit to nine digits. Used by the demo-data generator.
pub fn complete_inn10(first9: &str) -> Option<String> {
    let d = digits(first9).ok().filter(|d| d.len() == 9)?;
    Some(format!(
        "{first9}{}",
        weighted_check(&d, &[2, 4, 10, 3, 5, 9, 4, 6, 8])
    ))
}

/// Appends the ОГРН check digit to twelve digits. Used by the demo-data generator.
pub fn complete_ogrn(first12: &str) -> Option<String> {
    let d = digits(first12).ok().filter(|d| d.len() == 12)?;
    let n12 = d.iter().fold(0u64, |acc, x| acc * 10 + u64::from(*x));
    Some(format!("{first12}{}", n12 % 11 % 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_inn10_passes_and_a_changed_digit_fails() {
        assert_eq!(validate_inn("7707083893"), Ok("7707083893".into()));
        assert_eq!(validate_inn("7707 083 893"), Ok("7707083893".into()));
        assert_eq!(
            validate_inn("7707083894"),
            Err(IdentifierError::BadChecksum)
        );
    }

    #[test]
    fn inn12_checks_both_digits() {
        // 500100732259 is a well-known valid personal ИНН used in validator test suites.
        assert_eq!(validate_inn("500100732259"), Ok("500100732259".into()));
        assert_eq!(
            validate_inn("500100732258"),
            Err(IdentifierError::BadChecksum)
        );
        assert_eq!(
            validate_inn("500100732269"),
            Err(IdentifierError::BadChecksum)
        );
    }

    #[test]
    fn inn_rejects_wrong_length_and_letters() {
        assert_eq!(validate_inn("12345"), Err(IdentifierError::BadLength));
        assert_eq!(validate_inn("77070838x3"), Err(IdentifierError::NotDigits));
        assert_eq!(validate_inn(""), Err(IdentifierError::BadLength));
    }

    #[test]
    fn real_ogrn_passes_and_checks_digit_and_kind() {
        assert_eq!(validate_ogrn("1027700132195"), Ok("1027700132195".into()));
        assert_eq!(
            validate_ogrn("1027700132194"),
            Err(IdentifierError::BadChecksum)
        );
        assert_eq!(
            validate_ogrn("3027700132195"),
            Err(IdentifierError::NotLegalEntity)
        );
        assert_eq!(
            validate_ogrn("102770013219"),
            Err(IdentifierError::BadLength)
        );
    }

    #[test]
    fn ogrn_remainder_ten_maps_to_zero() {
        // Find a 12-digit prefix whose remainder mod 11 is 10; its check digit must be 0.
        let prefix = (102_770_013_200u64..)
            .find(|n| n % 11 == 10)
            .map(|n| n.to_string())
            .expect("exists");
        let full = complete_ogrn(&prefix).expect("12 digits");
        assert!(full.ends_with('0'));
        assert!(validate_ogrn(&full).is_ok());
    }

    #[test]
    fn generated_identifiers_validate() {
        let inn = complete_inn10("450100123").expect("9 digits");
        assert!(validate_inn(&inn).is_ok());
        let ogrn = complete_ogrn("102450012345").expect("12 digits");
        assert!(validate_ogrn(&ogrn).is_ok());
    }
}
