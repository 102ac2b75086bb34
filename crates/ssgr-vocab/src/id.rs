//! Stable instance IRIs: derived from what an entity is, never from the
//! order in which it was extracted.

use oxrdf::NamedNode;
use unicode_normalization::UnicodeNormalization;

use crate::ssgrid;

/// The kinds of instance, each with its own IRI path segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `ssgrid:country/<ISO 3166-1 alpha-2>`.
    Country,
    /// `ssgrid:org/<slug>`, also used for organisational units.
    Org,
    /// `ssgrid:mission/<slug>`.
    Mission,
    /// `ssgrid:topic/<slug>`.
    Topic,
    /// `ssgrid:publication/<slug>`.
    Publication,
    /// `ssgrid:engagement/<slug>`.
    Engagement,
    /// `ssgrid:vacancy/<slug>`.
    Vacancy,
    /// `ssgrid:person/<slug>`.
    Person,
    /// `ssgrid:place/<slug>`.
    Place,
    /// `ssgrid:doc/<file-stem>`.
    Doc,
    /// `ssgrid:graph/<file-stem>`.
    Graph,
    /// `ssgrid:evidence/<hash>`.
    Evidence,
}

impl Kind {
    /// The path segment of this kind under `ssgrid:`.
    pub fn segment(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Org => "org",
            Kind::Mission => "mission",
            Kind::Topic => "topic",
            Kind::Publication => "publication",
            Kind::Engagement => "engagement",
            Kind::Vacancy => "vacancy",
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Doc => "doc",
            Kind::Graph => "graph",
            Kind::Evidence => "evidence",
        }
    }
}

/// The IRI of an instance whose local part is already a slug or code.
pub fn entity(kind: Kind, local: &str) -> NamedNode {
    // The slug is written after the namespace and segment in one string:
    // one allocation, no formatter (entities are made for every mention).
    let segment = kind.segment();
    let mut iri = String::with_capacity(ssgrid::NS.len() + segment.len() + 1 + local.len());
    iri.push_str(ssgrid::NS);
    iri.push_str(segment);
    iri.push('/');
    push_slug_keep_case(&mut iri, local);
    NamedNode::new_unchecked(iri)
}

/// The longest slug; a longer one is cut at a hyphen, to keep IRIs readable.
const MAX_SLUG: usize = 120;

/// Everything of the IRI of a statement's evidence but its 16 hexadecimal
/// digits: `ssgrid:evidence/<document slug>-`. The document's slug is cut
/// to leave room for the digits, so that a long file name never cuts them
/// off (which gave every statement of the document one evidence IRI).
pub fn evidence_prefix(stem: &str) -> String {
    const DIGITS: usize = 16;
    let mut slug = slug_keep_case(stem);
    cut_at_hyphen(&mut slug, 0, MAX_SLUG - DIGITS - 1);
    format!("{}{}/{slug}-", ssgrid::NS, Kind::Evidence.segment())
}

/// Lower-case ASCII slug: letters, digits and underscores kept, accents folded, every other
/// run of characters becomes one hyphen. Empty input gives `"unnamed"`.
pub fn slug(text: &str) -> String {
    if text.is_ascii() {
        // ASCII lower-cases byte by byte and is its own NFKD form: no copy,
        // no normalisation (most names; slugging was 4 % of extraction).
        let mut out = String::with_capacity(text.len());
        push_slug(&mut out, text.chars().map(|c| c.to_ascii_lowercase()));
        out
    } else {
        slug_keep_case(&text.to_lowercase())
    }
}

/// Like [`slug`] but keeps case, for codes such as `BA`.
fn slug_keep_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_slug_keep_case(&mut out, text);
    out
}

/// Appends the slug of `text`, case kept, to `out`.
fn push_slug_keep_case(out: &mut String, text: &str) {
    if text.is_ascii() { push_slug(out, text.chars()) } else { push_slug(out, text.nfkd()) }
}

/// The slug of `chars`, characters already in NFKD form.
#[cfg(test)]
fn slug_of(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    push_slug(&mut out, chars);
    out
}

/// Appends the slug of `chars`, characters already in NFKD form, to `out`.
fn push_slug(out: &mut String, chars: impl Iterator<Item = char>) {
    let from = out.len();
    let mut pending_hyphen = false;
    for c in chars {
        if c.is_ascii_alphanumeric() || c == '_' {
            if pending_hyphen && out.len() > from {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else if c == '\'' || c == '’' || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c)) {
            // Accents fold into their base letter; apostrophes join ("Altes'" -> "altes").
            // (No ASCII character is a combining mark: the table is not searched for them.)
        } else {
            pending_hyphen = true;
        }
    }
    cut_at_hyphen(out, from, MAX_SLUG);
    if out.len() == from {
        out.push_str("unnamed");
    }
}

/// Cuts the ASCII slug at `from..` of `out`, if longer than `max`, at its
/// last hyphen before `max`, so that words stay whole.
fn cut_at_hyphen(out: &mut String, from: usize, max: usize) {
    if out.len() - from > max {
        let cut = out[from..from + max].rfind('-').unwrap_or(max);
        out.truncate(from + cut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_case_accents_and_punctuation() {
        assert_eq!(slug("OSCE Mission to Montenegro"), "osce-mission-to-montenegro");
        assert_eq!(slug("Workshop \"SSR - from Theory to Practice\""), "workshop-ssr-from-theory-to-practice");
        assert_eq!(slug("Côte d’Ivoire"), "cote-divoire");
        assert_eq!(slug("  "), "unnamed");
    }

    #[test]
    fn ascii_takes_a_short_cut_to_the_same_slug() {
        let texts = ["Ministry of Defence (MoD)", "it's  --a_b--", "", "!!!", "UN-Women/UNDP 2024", "A'B"];
        for text in texts {
            let general = slug_of(text.to_lowercase().nfkd(), text.len());
            assert_eq!(slug(text), general, "{text:?}");
            assert_eq!(slug_keep_case(text), slug_of(text.nfkd(), text.len()), "{text:?}");
        }
        let long = "word ".repeat(40);
        assert_eq!(slug(&long), slug_of(long.nfkd(), long.len()));
        assert!(slug(&long).len() <= 120);
    }

    #[test]
    fn evidence_iris_keep_room_for_the_hash() {
        assert_eq!(evidence_prefix("seed-page"), "https://w3id.org/ssgr/id/evidence/seed-page-");
        let long = "a very long file name of a report ".repeat(5);
        let prefix = evidence_prefix(&long);
        let local = prefix.strip_prefix("https://w3id.org/ssgr/id/evidence/").unwrap_or_default();
        assert!(local.len() + 16 <= MAX_SLUG, "{local}");
        assert!(local.starts_with("a-very-long-file-name") && local.ends_with("report-"), "{local}");
    }

    #[test]
    fn country_iris_keep_the_iso_code() {
        assert_eq!(entity(Kind::Country, "XK").as_str(), "https://w3id.org/ssgr/id/country/XK");
    }

    #[test]
    fn entity_iris_are_the_namespace_segment_and_slug() {
        let long = "word ".repeat(40);
        for local in ["osce", "Côte d’Ivoire", "  ", "", "A'B", "UN-Women/UNDP 2024", long.as_str()] {
            let expected = format!("{}{}/{}", ssgrid::NS, Kind::Org.segment(), slug_keep_case(local));
            assert_eq!(entity(Kind::Org, local).as_str(), expected, "{local:?}");
        }
        assert_eq!(slug_keep_case(&long).len(), 119);
    }
}
