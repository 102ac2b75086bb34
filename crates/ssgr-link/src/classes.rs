//! The mapping from ssgr classes to Wikidata classes
//! (`data/wikidata_classes.tsv`), and so which entities are reconciled.

use crate::error::LinkError;

const CLASSES: &str = include_str!("../data/wikidata_classes.tsv");

/// How entities of one ssgr class are matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRule {
    /// The ssgr class's local name (`Organisation`).
    pub ssgr_class: String,
    /// Wikidata classes (`Q43229`) an item must be an instance of, directly
    /// or through subclasses, to agree in type.
    pub wikidata_classes: Vec<String>,
    /// Whether the entity's country is compared with the item's.
    pub country_context: bool,
}

/// The rules shipped with ssgr, most specific class first.
pub fn builtin_rules() -> Result<Vec<ClassRule>, LinkError> {
    parse_rules(CLASSES)
}

/// Reads the rules from the text of a `wikidata_classes.tsv`.
pub fn parse_rules(text: &str) -> Result<Vec<ClassRule>, LinkError> {
    let mut rows = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    rows.next(); // the header
    rows.map(|(n, line)| {
        let bad = |message: String| LinkError::Classes { line: n + 1, message };
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [ssgr_class, classes, context, ..] = cells[..] else {
            return Err(bad(format!("{} cells where 3 or 4 are needed", cells.len())));
        };
        let wikidata_classes: Vec<String> = classes.split('|').map(str::trim).map(str::to_owned).collect();
        if let Some(q) = wikidata_classes.iter().find(|q| !is_qid(q)) {
            return Err(bad(format!("{q:?} is not a Wikidata Q-id")));
        }
        if ssgr_class.is_empty() || !ssgr_class.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad(format!("{ssgr_class:?} is not a class name")));
        }
        let country_context = match context {
            "yes" => true,
            "no" => false,
            other => return Err(bad(format!("country_context is {other:?}, not yes or no"))),
        };
        Ok(ClassRule { ssgr_class: ssgr_class.to_owned(), wikidata_classes, country_context })
    })
    .collect()
}

/// Whether `s` is a Wikidata item id: `Q` and digits.
pub(crate) fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_read_most_specific_first() {
        let rules = builtin_rules().expect("test setup");
        let names: Vec<&str> = rules.iter().map(|r| r.ssgr_class.as_str()).collect();
        let position = |n: &str| names.iter().position(|x| *x == n).expect("test setup");
        assert!(position("FieldMission") < position("OrganisationalUnit"));
        assert!(position("OrganisationalUnit") < position("Organisation"));
        let person = &rules[position("Person")];
        assert_eq!(person.wikidata_classes, ["Q5"]);
        assert!(!person.country_context);
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let text = "# c\nssgr_class\twikidata_classes\tcountry_context\nPerson\tQ5\tno\nPlace\tcity\tyes\n";
        let error = parse_rules(text).expect_err("must fail").to_string();
        assert!(error.starts_with("wikidata_classes.tsv:4:"), "{error}");
        assert!(parse_rules("h\nPerson\tQ5\tmaybe\n").is_err());
        assert!(parse_rules("h\nPerson\tQ5\n").is_err());
    }
}
