//! Page furniture (navigation, section labels, credits), from
//! `ontology/reference/page_furniture.tsv`.

use crate::pattern::PatternSet;

/// The kinds of entry a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A mandate, project, workshop, assessment or agreement.
    Engagement,
    /// A job advertisement.
    Vacancy,
    /// A report, paper, handbook or tool.
    Publication,
}

const FURNITURE: &str = include_str!("../../../ontology/reference/page_furniture.tsv");

/// Recognises furniture blocks.
pub(crate) struct Furniture {
    labels: Vec<(String, Option<EntryKind>)>,
    patterns: PatternSet,
}

impl Furniture {
    /// The built-in list.
    pub(crate) fn builtin() -> Result<Self, regex::Error> {
        let mut labels = Vec::new();
        let mut patterns = Vec::new();
        for line in FURNITURE.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut cols = line.split('\t');
            let (Some(how), Some(pattern)) = (cols.next(), cols.next()) else { continue };
            let implies = match cols.next().unwrap_or("").trim() {
                "engagement" => Some(EntryKind::Engagement),
                "vacancy" => Some(EntryKind::Vacancy),
                "publication" => Some(EntryKind::Publication),
                _ => None,
            };
            match how {
                "label" => labels.push((pattern.trim().to_lowercase(), implies)),
                "regex" => patterns.push(pattern.trim().to_owned()),
                _ => {}
            }
        }
        Ok(Self { labels, patterns: PatternSet::new(&patterns)? })
    }

    /// `None` if the block is content; otherwise the kind of entry the
    /// label names, if any.
    pub(crate) fn classify(&self, block: &str) -> Option<Option<EntryKind>> {
        // Furniture is short: a label, a notice, a credit line.
        if block.len() > 160 {
            return None;
        }
        let lower = block.trim().trim_end_matches(':').to_lowercase();
        if let Some((_, implies)) = self.labels.iter().find(|(l, _)| *l == lower) {
            return Some(*implies);
        }
        self.patterns.is_match(block.trim()).then_some(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_credits_and_notices_are_furniture() -> Result<(), regex::Error> {
        let f = Furniture::builtin()?;
        assert_eq!(f.classify("Vacancy"), Some(Some(EntryKind::Vacancy)));
        assert_eq!(f.classify("Policy and Research Papers"), Some(Some(EntryKind::Publication)));
        assert_eq!(f.classify("© Copyright 2024, All Rights Reserved"), Some(None));
        assert_eq!(f.classify("Our partners"), Some(None));
        assert_eq!(f.classify("No events have been added yet."), Some(None));
        assert_eq!(f.classify("Web Development by Example Studio"), Some(None));
        assert_eq!(f.classify("The OSCE Mission to Serbia trains police."), None);
        Ok(())
    }
}
