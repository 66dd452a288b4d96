//! Stable HSDS identifiers. Every HSDS object gets a UUID (RFC 9562, version 8) that is a
//! pure function of the region and our own ids, so it never changes between exports:
//!
//! - bytes 0–5: the region's prefix (SHA-256 of `poputchiki/hsds/{region slug}`);
//! - version nibble 8, then 12 bits naming the kind of object;
//! - variant bits `10`, then 62 bits of payload.
//!
//! Organizations, locations, services and service-at-locations carry our ids in the payload
//! (organization id, and a service's slot in its organization), so the API finds them from
//! their UUID; every other object's payload is a hash of what it is (the organization, the
//! term, the phone number…).

use sha2::{Digest, Sha256};

/// The kinds of HSDS object, as the UUID's 12 kind bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Organization = 1,
    Service = 2,
    Location = 3,
    ServiceAtLocation = 4,
    Phone = 5,
    OrganizationIdentifier = 6,
    Attribute = 7,
    Taxonomy = 8,
    TaxonomyTerm = 9,
    ServiceArea = 10,
    Schedule = 11,
    Metadata = 12,
}

const PAYLOAD_BITS: u32 = 62;
const PAYLOAD_MASK: u64 = (1 << PAYLOAD_BITS) - 1;
/// Bits of a service's slot below the organization id in its payload.
const SLOT_BITS: u32 = 16;

/// The UUID maker of one region.
#[derive(Clone, Debug)]
pub struct Ids {
    prefix: [u8; 6],
}

impl Ids {
    pub fn new(region_slug: &str) -> Self {
        let hash = Sha256::digest(format!("poputchiki/hsds/{region_slug}").as_bytes());
        let mut prefix = [0u8; 6];
        prefix.copy_from_slice(&hash[..6]);
        Self { prefix }
    }

    fn make(&self, kind: Kind, payload: u64) -> String {
        let mut b = [0u8; 16];
        b[..6].copy_from_slice(&self.prefix);
        let k = kind as u16;
        b[6] = 0x80 | ((k >> 8) as u8 & 0x0f);
        b[7] = (k & 0xff) as u8;
        let tail = (0b10u64 << PAYLOAD_BITS) | (payload & PAYLOAD_MASK);
        b[8..].copy_from_slice(&tail.to_be_bytes());
        let h = hex::encode(b);
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }

    /// The kind and payload of one of our UUIDs (`None` for any other string).
    fn parse(&self, s: &str) -> Option<(u16, u64)> {
        let h: String = s.trim().chars().filter(|c| *c != '-').collect();
        if h.len() != 32 || s.trim().len() != 36 {
            return None;
        }
        let b = hex::decode(h.to_ascii_lowercase()).ok()?;
        if b[..6] != self.prefix || b[6] >> 4 != 8 || b[8] >> 6 != 0b10 {
            return None;
        }
        let kind = (u16::from(b[6] & 0x0f) << 8) | u16::from(b[7]);
        let mut tail = [0u8; 8];
        tail.copy_from_slice(&b[8..]);
        Some((kind, u64::from_be_bytes(tail) & PAYLOAD_MASK))
    }

    /// A UUID whose payload is a hash of `parts`.
    pub fn hashed(&self, kind: Kind, parts: &[&str]) -> String {
        let mut h = Sha256::new();
        for p in parts {
            h.update(p.as_bytes());
            h.update([0u8]);
        }
        let d = h.finalize();
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&d[..8]);
        self.make(kind, u64::from_be_bytes(eight))
    }

    pub fn organization(&self, id: i64) -> String {
        self.make(Kind::Organization, id.max(0) as u64)
    }

    /// An organization's one location (its place on the map).
    pub fn location(&self, id: i64) -> String {
        self.make(Kind::Location, id.max(0) as u64)
    }

    /// Service `slot` of organization `id` (0: the organization's own activity, for one that
    /// lists no services; 1…: its services in their order).
    pub fn service(&self, id: i64, slot: u32) -> String {
        self.make(Kind::Service, slot_payload(id, slot))
    }

    pub fn service_at_location(&self, id: i64, slot: u32) -> String {
        self.make(Kind::ServiceAtLocation, slot_payload(id, slot))
    }

    /// The organization id of an organization UUID.
    pub fn organization_of(&self, uuid: &str) -> Option<i64> {
        match self.parse(uuid)? {
            (k, p) if k == Kind::Organization as u16 => i64::try_from(p).ok(),
            _ => None,
        }
    }

    /// The organization id and slot of a service (or service-at-location) UUID.
    pub fn service_of(&self, uuid: &str, kind: Kind) -> Option<(i64, u32)> {
        match self.parse(uuid)? {
            (k, p) if k == kind as u16 => {
                let id = i64::try_from(p >> SLOT_BITS).ok()?;
                Some((id, (p & ((1 << SLOT_BITS) - 1)) as u32))
            }
            _ => None,
        }
    }
}

fn slot_payload(id: i64, slot: u32) -> u64 {
    ((id.max(0) as u64) << SLOT_BITS) | u64::from(slot.min((1 << SLOT_BITS) - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_uuids_that_lead_back_to_the_record() {
        let ids = Ids::new("kurgan");
        let org = ids.organization(42);
        assert_eq!(
            org,
            Ids::new("kurgan").organization(42),
            "the same every time"
        );
        assert_ne!(org, Ids::new("tyumen").organization(42), "regions differ");
        assert_eq!(org.len(), 36);
        assert_eq!(&org[14..15], "8", "version 8");
        assert!(
            matches!(&org[19..20], "8" | "9" | "a" | "b"),
            "RFC variant: {org}"
        );
        assert_eq!(ids.organization_of(&org), Some(42));
        assert_eq!(ids.organization_of(&org.to_uppercase()), Some(42));
        let service = ids.service(42, 3);
        assert_eq!(ids.service_of(&service, Kind::Service), Some((42, 3)));
        assert_eq!(ids.service_of(&service, Kind::ServiceAtLocation), None);
        assert_eq!(ids.organization_of(&service), None);
        assert_eq!(ids.organization_of("not-a-uuid"), None);
        assert_eq!(Ids::new("tyumen").organization_of(&org), None);
        let a = ids.hashed(Kind::Phone, &["42", "+7 35200 1-00-18"]);
        assert_ne!(a, ids.hashed(Kind::Phone, &["42", "+7 35200 1-00-19"]));
    }
}
