//! `/api/entity`: the description as JSON, in the shape the web page reads.

use oxigraph::model::Term;
use serde::Serialize;

use super::describe::{Description, Labelled};
use super::page_url;

/// The JSON of one entity. Labels are `null` where the graph has none.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EntityJson {
    iri: String,
    label: Option<String>,
    page: String,
    classes: Vec<Class>,
    links: Vec<Link>,
    outgoing: Vec<Outgoing>,
    incoming: Vec<Incoming>,
    evidence: Vec<Evidence>,
    /// How many outgoing statements there are; the list may be cut.
    outgoing_total: usize,
    /// How many incoming statements there are; the list is cut at 100.
    incoming_total: usize,
    /// How many pieces of evidence there are; the list may be cut.
    evidence_total: usize,
}

#[derive(Debug, Serialize)]
struct Class {
    iri: String,
    label: Option<String>,
}

#[derive(Debug, Serialize)]
struct Link {
    iri: String,
    kind: &'static str,
    /// Where the link was taken from, when the graph records it.
    sources: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Outgoing {
    property: String,
    property_label: Option<String>,
    value: String,
    value_label: Option<String>,
    is_iri: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Incoming {
    property: String,
    property_label: Option<String>,
    subject: String,
    subject_label: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Evidence {
    subject: String,
    subject_label: Option<String>,
    property: String,
    property_label: Option<String>,
    value: String,
    value_label: Option<String>,
    sentence: Option<String>,
    document: Option<String>,
    document_label: Option<String>,
    begin: Option<u64>,
    end: Option<u64>,
    rule: Option<String>,
}

/// The value of a term as the JSON gives it: an IRI as is, a literal's
/// lexical form, other terms in N-Triples syntax.
fn value(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

fn parts(labelled: &Labelled) -> (String, Option<String>) {
    (value(&labelled.term), labelled.label.clone())
}

impl From<&Description> for EntityJson {
    fn from(d: &Description) -> Self {
        Self {
            iri: d.iri.as_str().to_owned(),
            label: d.entity.label.clone(),
            page: page_url(d.iri.as_str()),
            classes: d.classes.iter().map(|c| Class { iri: value(&c.term), label: c.label.clone() }).collect(),
            links: d
                .links
                .iter()
                .map(|l| Link {
                    iri: l.iri.as_str().to_owned(),
                    kind: l.kind.key(),
                    sources: l.sources.iter().map(|s| s.as_str().to_owned()).collect(),
                })
                .collect(),
            outgoing: d
                .outgoing
                .iter()
                .map(|s| {
                    let (property, property_label) = parts(&s.property);
                    let (value, value_label) = parts(&s.value);
                    let is_iri = matches!(s.value.term, Term::NamedNode(_));
                    Outgoing { property, property_label, value, value_label, is_iri }
                })
                .collect(),
            incoming: d
                .incoming
                .iter()
                .map(|s| {
                    let (property, property_label) = parts(&s.property);
                    let (subject, subject_label) = parts(&s.subject);
                    Incoming { property, property_label, subject, subject_label }
                })
                .collect(),
            evidence: d
                .evidence
                .iter()
                .map(|e| {
                    let (subject, subject_label) = parts(&e.statement.subject);
                    let (property, property_label) = parts(&e.statement.property);
                    let (value, value_label) = parts(&e.statement.value);
                    let (document, document_label) = e.document.as_ref().map(parts).unzip();
                    Evidence {
                        subject,
                        subject_label,
                        property,
                        property_label,
                        value,
                        value_label,
                        sentence: e.sentence.clone(),
                        document,
                        document_label: document_label.flatten(),
                        begin: e.begin,
                        end: e.end,
                        rule: e.rule.clone(),
                    }
                })
                .collect(),
            outgoing_total: d.outgoing_total,
            incoming_total: d.incoming_total,
            evidence_total: d.evidence_total,
        }
    }
}
