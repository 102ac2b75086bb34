//! The stable name of a statement's evidence: FNV-1a over the statement's
//! N-Triples form and its position, fed without the formatter where it can.

use oxrdf::{NamedOrBlankNode, Term, Triple};

/// FNV-1a over the statement and its position: a stable name for its
/// evidence that does not depend on the order of extraction.
pub(super) fn fingerprint(triple: &Triple, begin: usize) -> u64 {
    use std::fmt::Write;
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    // The statement's N-Triples form, hashed as it is written: no string.
    // Between IRIs it is `<s> <p> <o>`, fed here without the formatter; so
    // is a literal that needs no escape, written as oxrdf writes it.
    match (&triple.subject, &triple.object) {
        (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) => {
            for part in ["<", s.as_str(), "> <", triple.predicate.as_str(), "> <", o.as_str(), ">"] {
                hash.add(part.as_bytes());
            }
        }
        (NamedOrBlankNode::NamedNode(s), Term::Literal(o)) if o.direction().is_none() && !needs_escape(o.value()) => {
            for part in ["<", s.as_str(), "> <", triple.predicate.as_str(), "> \"", o.value(), "\""] {
                hash.add(part.as_bytes());
            }
            if let Some(language) = o.language() {
                hash.add(b"@");
                hash.add(language.as_bytes());
            } else if o.datatype() != oxrdf::vocab::xsd::STRING {
                for part in ["^^<", o.datatype().as_str(), ">"] {
                    hash.add(part.as_bytes());
                }
            }
        }
        _ => {
            let _ = write!(hash, "{triple}");
        }
    }
    hash.add(&begin.to_le_bytes());
    hash.0
}

/// Whether N-Triples writes `value` with an escape (see oxrdf's
/// `print_quoted_str`): control characters, quote, backslash, U+FFFE, U+FFFF.
/// By bytes, in one pass: U+FFFE and U+FFFF are `EF BF BE` and `EF BF BF`,
/// so only a byte `EF` needs a closer look.
pub(super) fn needs_escape(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0..0x20 | b'"' | b'\\' | 0x7F => true,
        0xEF => matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])),
        _ => false,
    })
}

/// FNV-1a, fed by `write!`.
struct Fnv(u64);

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.add(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{Literal, NamedNode};
    use ssgr_vocab::{rdfs, xsd};

    #[test]
    fn fingerprints_hash_the_n_triples_form() {
        use std::fmt::Write;
        let s = NamedNode::new_unchecked("https://example.org/s");
        let literals = [
            Literal::new_simple_literal("a \"quoted\" name"),
            Literal::new_simple_literal("Priština’s plain name"),
            Literal::new_simple_literal("tab\tand\u{7f}and\u{FFFF}"),
            Literal::new_language_tagged_literal_unchecked("Défense", "en"),
            Literal::new_typed_literal("12", xsd::NON_NEGATIVE_INTEGER),
            Literal::new_typed_literal("typed string", oxrdf::vocab::xsd::STRING),
            Literal::new_directional_language_tagged_literal_unchecked("name", "ar", oxrdf::BaseDirection::Rtl),
        ];
        let with_literals = literals.into_iter().map(|l| Triple::new(s.clone(), rdfs::LABEL, l));
        for triple in std::iter::once(Triple::new(s.clone(), rdfs::COMMENT, s.clone())).chain(with_literals) {
            let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
            let _ = write!(hash, "{triple}");
            hash.add(&7usize.to_le_bytes());
            assert_eq!(fingerprint(&triple, 7), hash.0);
        }
    }
}
