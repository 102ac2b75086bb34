//! Tags text with the topics of the SKOS scheme in `ontology/topics.ttl`:
//! preferred and alternative labels, their plurals, and their British and
//! American spellings. Acronyms (SALW, IBM) match in their exact case only.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, BuildError, MatchKind};
use oxrdf::{NamedNode, NamedOrBlankNode, Term, Triple};
use ssgr_vocab::skos;

use crate::gazetteer::spelling_variants;
use crate::text::at_word_boundaries;

/// A topic of the scheme.
#[derive(Debug, Clone)]
pub(crate) struct Topic {
    pub(crate) iri: NamedNode,
}

/// The topic tagger.
pub(crate) struct Topics {
    topics: Vec<Topic>,
    automaton: AhoCorasick,
    /// Per pattern: the topic index and whether case must match exactly.
    patterns: Vec<(usize, bool, String)>,
}

impl Topics {
    /// A tagger over the concepts and labels of `triples` (the topic scheme).
    pub(crate) fn new(triples: &[Triple]) -> Result<Self, BuildError> {
        let mut topics: Vec<Topic> = Vec::new();
        let mut patterns = Vec::new();
        for t in triples {
            if t.predicate != skos::PREF_LABEL && t.predicate != skos::ALT_LABEL {
                continue;
            }
            let (NamedOrBlankNode::NamedNode(iri), Term::Literal(label)) = (&t.subject, &t.object) else { continue };
            let index = match topics.iter().position(|x| &x.iri == iri) {
                Some(i) => i,
                None => {
                    topics.push(Topic { iri: iri.clone() });
                    topics.len() - 1
                }
            };
            let label = label.value();
            let acronym = label.chars().filter(|c| c.is_uppercase()).count() >= 2 && !label.contains(' ');
            if acronym {
                patterns.push((index, true, label.to_owned()));
                patterns.push((index, true, format!("{label}s")));
            } else {
                for variant in spelling_variants(&label.to_lowercase()) {
                    for inflected in inflections(&variant) {
                        patterns.push((index, false, inflected));
                    }
                }
            }
        }
        patterns.sort();
        patterns.dedup();
        // A DFA: the labels are few, it builds in a millisecond and runs on
        // every sentence of every entry.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(|(_, _, p)| p.as_str()))?;
        Ok(Self { topics, automaton, patterns })
    }

    /// The topics named in `text`, each with the byte range of its first mention.
    pub(crate) fn tag(&self, text: &str) -> Vec<(&Topic, usize, usize)> {
        let mut out: Vec<(&Topic, usize, usize)> = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (index, exact, pattern) = &self.patterns[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if !at_word_boundaries(text, start, end) || (*exact && &text[start..end] != pattern) {
                continue;
            }
            let topic = &self.topics[*index];
            if !out.iter().any(|(t, _, _)| t.iri == topic.iri) {
                out.push((topic, start, end));
            }
        }
        out
    }
}

/// A label, its plural ("border" → "borders", "policy" → "policies"), and
/// its hyphenated words written apart or together ("peace-building",
/// "peace building", "peacebuilding").
fn inflections(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    for form in hyphen_forms(label) {
        out.extend(plural_forms(&form));
    }
    out
}

fn hyphen_forms(label: &str) -> Vec<String> {
    if label.contains('-') {
        vec![label.to_owned(), label.replace('-', " "), label.replace('-', "")]
    } else {
        vec![label.to_owned()]
    }
}

fn plural_forms(label: &str) -> Vec<String> {
    let mut out = vec![label.to_owned()];
    if label.ends_with('y') && !label.ends_with("ey") {
        out.push(format!("{}ies", &label[..label.len() - 1]));
    } else if label.ends_with('s') || label.ends_with('x') || label.ends_with("sh") || label.ends_with("ch") {
        out.push(format!("{label}es"));
    } else {
        out.push(format!("{label}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::Literal;

    fn tagger() -> Topics {
        let t = |iri: &str, p: oxrdf::NamedNodeRef<'_>, label: &str| {
            Triple::new(NamedNode::new_unchecked(iri), p, Literal::new_language_tagged_literal_unchecked(label, "en"))
        };
        let triples = vec![
            t("https://x/salw", skos::PREF_LABEL, "small arms and light weapons"),
            t("https://x/salw", skos::ALT_LABEL, "SALW"),
            t("https://x/org-crime", skos::PREF_LABEL, "organised crime"),
            t("https://x/reform", skos::PREF_LABEL, "police reform"),
        ];
        Topics::new(&triples).unwrap_or_else(|e| panic!("{e}"))
    }

    fn tags(text: &str) -> Vec<String> {
        tagger().tag(text).into_iter().map(|(t, _, _)| t.iri.as_str().to_owned()).collect()
    }

    #[test]
    fn labels_plurals_spellings_and_acronyms() {
        assert_eq!(tags("Police reforms and organized crime"), ["https://x/reform", "https://x/org-crime"]);
        assert_eq!(tags("to reduce SALW"), ["https://x/salw"]);
        assert!(tags("salw in lower case is not the acronym").is_empty());
    }
}
