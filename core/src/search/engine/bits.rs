//! Bit sets over the table's rows (bit r = table row r): what the columns, the map's
//! matches, the buckets and the freshness sets are made of, and the counting over them.

/// One bit per table row.
pub(super) type Bits = Vec<u64>;

/// Every one of `n` rows.
pub(super) fn full(n: usize) -> Bits {
    let mut bits = vec![u64::MAX; n.div_ceil(64)];
    if let Some(last) = bits.last_mut() {
        if !n.is_multiple_of(64) {
            *last = (1u64 << (n % 64)) - 1;
        }
    }
    bits
}

/// Clears the bits of the rows `keep` turns away (visiting only the set ones).
pub(super) fn retain(bits: &mut Bits, mut keep: impl FnMut(usize) -> bool) {
    for (w, word) in bits.iter_mut().enumerate() {
        let mut left = *word;
        while left != 0 {
            let b = left.trailing_zeros() as usize;
            left &= left - 1;
            if !keep(w * 64 + b) {
                *word &= !(1u64 << b);
            }
        }
    }
}

/// The rows of a bit set from [`SearchEngine::matching_bits`], in table order.
pub fn each_row(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut left = word;
        std::iter::from_fn(move || {
            (left != 0).then(|| {
                let b = left.trailing_zeros() as usize;
                left &= left - 1;
                w * 64 + b
            })
        })
    })
}

/// The rows in a bit set, in table order, as a list.
pub(super) fn ones(bits: &Bits) -> Vec<usize> {
    let mut out = Vec::with_capacity(count(bits) as usize);
    out.extend(each_row(bits));
    out
}

pub(super) fn set(bits: &mut Bits, r: usize) {
    bits[r / 64] |= 1 << (r % 64);
}

pub(super) fn has(bits: &Bits, r: usize) -> bool {
    bits[r / 64] & (1 << (r % 64)) != 0
}

pub(super) fn and_in(into: &mut Bits, other: &Bits) {
    for (a, b) in into.iter_mut().zip(other) {
        *a &= b;
    }
}

pub(super) fn count(bits: &Bits) -> u64 {
    count_and(bits, bits)
}

/// The rows in both sets: most of the facet counts' time. With the CPU's `popcnt`
/// instruction when it has one (nearly every x86-64 since 2008; checked at run time): the
/// SSE2 bit-twiddling the compiler emits for a plain x86-64 target was a third of the
/// counts' samples at 100,000 rows.
pub(super) fn count_and(a: &Bits, b: &Bits) -> u64 {
    if b.is_empty() {
        return 0;
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") {
        // SAFETY: the CPU has the instruction the function is compiled for (checked above).
        return unsafe { count_and_popcnt(a, b) };
    }
    count_and_portable(a, b)
}

#[inline(always)]
fn count_and_portable(a: &[u64], b: &[u64]) -> u64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| u64::from((x & y).count_ones()))
        .sum()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn count_and_popcnt(a: &[u64], b: &[u64]) -> u64 {
    count_and_portable(a, b)
}
