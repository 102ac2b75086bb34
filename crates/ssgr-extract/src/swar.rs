//! Byte scans eight bytes at a time, in a `u64` ("SIMD within a register").
//!
//! Every document is scanned so, byte by byte, several times: for binary
//! content and characters to normalise on reading, for non-ASCII characters
//! before each pattern runs, for character offsets of the evidence. Most
//! text is ASCII, so one test per word of eight bytes rules most of it out,
//! and only the words it flags are looked at byte by byte.

/// `0x01` in every byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// The little-endian words of `bytes`, each with its eight bytes, and the
/// bytes after the last whole word.
pub(crate) fn words(bytes: &[u8]) -> (impl Iterator<Item = (u64, &[u8])>, &[u8]) {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    (chunks.map(|chunk| (u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])), chunk)), rest)
}

/// The offset of the first byte of `bytes` that `wanted` holds for.
/// `may_hold` must be true of every word with such a byte: the words it is
/// false of are skipped whole.
pub(crate) fn position(bytes: &[u8], may_hold: impl Fn(u64) -> bool, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut offset = 0;
    for (word, _) in words(bytes).0 {
        if may_hold(word) {
            break;
        }
        offset += 8;
    }
    bytes[offset..].iter().position(|&b| wanted(b)).map(|p| offset + p)
}

/// The number of bytes of `bytes` that `wanted` holds for, with `may_hold`
/// as in [`position`].
pub(crate) fn count(bytes: &[u8], may_hold: impl Fn(u64) -> bool, wanted: impl Fn(u8) -> bool) -> usize {
    let (words, rest) = words(bytes);
    let in_words: usize =
        words.filter(|&(word, _)| may_hold(word)).map(|(_, chunk)| chunk.iter().filter(|&&b| wanted(b)).count()).sum();
    in_words + rest.iter().filter(|&&b| wanted(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_cover_every_byte_in_order() {
        let bytes: Vec<u8> = (0..21).collect();
        let (words, rest) = words(&bytes);
        let mut seen: Vec<u8> = words
            .flat_map(|(word, chunk)| {
                assert_eq!(word.to_le_bytes(), chunk);
                chunk.to_vec()
            })
            .collect();
        seen.extend_from_slice(rest);
        assert_eq!(seen, bytes);
    }

    #[test]
    fn a_word_ruled_out_hides_no_wanted_byte() {
        let high = |word: u64| word & HIGH != 0;
        for len in 0..30 {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = 0xC3;
                assert_eq!(position(&bytes, high, |b| !b.is_ascii()), Some(at), "{len} bytes, at {at}");
                assert_eq!(count(&bytes, high, |b| !b.is_ascii()), 1, "{len} bytes, at {at}");
            }
            assert_eq!(position(&vec![b'a'; len], high, |b| !b.is_ascii()), None);
        }
    }
}
