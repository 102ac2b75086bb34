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
    NamedNode::new_unchecked(format!("{}{}/{}", ssgrid::NS, kind.segment(), slug_keep_case(local)))
}

/// Lower-case ASCII slug: letters, digits and underscores kept, accents folded, every other
/// run of characters becomes one hyphen. Empty input gives `"unnamed"`.
pub fn slug(text: &str) -> String {
    slug_keep_case(&text.to_lowercase())
}

/// Like [`slug`] but keeps case, for codes such as `BA`.
fn slug_keep_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else if unicode_normalization::char::is_combining_mark(c) || c == '\'' || c == '’' {
            // Accents fold into their base letter; apostrophes join ("Altes'" -> "altes").
        } else {
            pending_hyphen = true;
        }
    }
    if out.len() > 120 {
        // Keep IRIs readable; the cut is at a hyphen so words stay whole.
        let cut = out[..120].rfind('-').unwrap_or(120);
        out.truncate(cut);
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
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
    fn country_iris_keep_the_iso_code() {
        assert_eq!(entity(Kind::Country, "XK").as_str(), "https://w3id.org/ssgr/id/country/XK");
    }
}
