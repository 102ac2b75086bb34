//! Entities as the extractor handles them while reading one document.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use oxrdf::{NamedNode, NamedNodeRef, Triple};
use ssgr_vocab::id::{self, Kind};
use ssgr_vocab::ssgr;

use crate::gazetteer::Target;
use crate::reference::Reference;

/// An entity found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ent {
    /// Its stable IRI.
    pub(crate) iri: NamedNode,
    /// Its most specific class.
    pub(crate) class: NamedNodeRef<'static>,
    /// The name it goes by: the canonical one for reference entities.
    pub(crate) label: String,
    /// Whether the label is canonical (from reference data).
    pub(crate) canonical: bool,
    /// ISO code of the country it is, is in, or is hosted by.
    pub(crate) country: Option<String>,
    /// Where reference data lists it, if it does.
    pub(crate) reference: Option<Target>,
}

impl Ent {
    /// Whether it can act: organisations, units, missions, persons.
    pub(crate) fn is_actor(&self) -> bool {
        [ssgr::ORGANISATION, ssgr::ORGANISATIONAL_UNIT, ssgr::FIELD_MISSION, ssgr::PERSON].contains(&self.class)
    }

    /// Whether it is a country or a place.
    pub(crate) fn is_place(&self) -> bool {
        self.class == ssgr::COUNTRY || self.class == ssgr::PLACE
    }

    /// A discovered entity, named by a slug of its label.
    pub(crate) fn discovered(kind: Kind, class: NamedNodeRef<'static>, label: &str, country: Option<String>) -> Self {
        Self {
            iri: id::entity(kind, &id::slug(label)),
            class,
            label: label.to_owned(),
            canonical: false,
            country,
            reference: None,
        }
    }

    /// A reference entity.
    pub(crate) fn from_reference(reference: &Reference, target: Target) -> Option<Self> {
        let mut ent = Self::reference_entity(reference, target)?;
        ent.reference = Some(target);
        Some(ent)
    }

    fn reference_entity(reference: &Reference, target: Target) -> Option<Self> {
        Some(match target {
            Target::Mission(i) => {
                let m = reference.field_operations.get(i)?;
                Self {
                    iri: id::entity(Kind::Mission, &m.id),
                    class: ssgr::FIELD_MISSION,
                    label: m.label.clone(),
                    canonical: true,
                    country: Some(m.country.clone()),
                    reference: None,
                }
            }
            Target::Org(i) => {
                let o = reference.organisations.get(i)?;
                Self {
                    iri: id::entity(Kind::Org, &o.id),
                    class: if o.parent.is_some() { ssgr::ORGANISATIONAL_UNIT } else { ssgr::ORGANISATION },
                    label: o.label.clone(),
                    canonical: true,
                    country: o.country.clone(),
                    reference: None,
                }
            }
            Target::Country(i) | Target::Demonym(i) => {
                let c = reference.countries.get(i)?;
                Self::country(c.iso2.clone(), c.name.clone())
            }
            Target::City(i) => {
                let c = reference.cities.get(i)?;
                Self {
                    iri: id::entity(Kind::Place, &id::slug(&c.name)),
                    class: ssgr::PLACE,
                    label: c.name.clone(),
                    canonical: true,
                    country: Some(c.country.clone()),
                    reference: None,
                }
            }
            Target::Local(_) | Target::Lexicon(_) => return None,
        })
    }

    /// A country by its code.
    pub(crate) fn country(iso2: String, name: String) -> Self {
        Self {
            iri: id::entity(Kind::Country, &iso2),
            class: ssgr::COUNTRY,
            label: name,
            canonical: true,
            country: Some(iso2),
            reference: None,
        }
    }
}

/// The entity of every reference target, made once: building an IRI folds
/// accents and allocates, and documents name the same entities again and again.
pub(crate) struct ReferenceEntities {
    missions: Vec<Option<Ent>>,
    orgs: Vec<Option<Ent>>,
    countries: Vec<Option<Ent>>,
    cities: Vec<Option<Ent>>,
    demonyms: Vec<Option<Ent>>,
    /// What [`Ent::country`] gives for each ISO code of the reference
    /// countries (the last country listed with a code, as
    /// [`Reference::country`] finds it).
    by_iso: HashMap<String, Ent>,
    /// The `owl:sameAs` links of reference entities.
    pub(crate) links: ReferenceLinks,
}

/// The `owl:sameAs` links of each reference entity with their sources,
/// made the first time a document names it and shared by all documents
/// after: every document that names an entity gives it the same links,
/// and making them (hashing the statement for its reifier, checking the
/// source is an IRI) cost as much as a tenth of a declaration.
pub(crate) struct ReferenceLinks {
    countries: HashMap<String, LinkSlot>,
    cities: Vec<LinkSlot>,
    orgs: Vec<LinkSlot>,
}

/// The links of one reference entity, with the IRI they were made for.
type LinkSlot = OnceLock<(NamedNode, Vec<Triple>)>;

/// What a reference entity's links are made from, besides its IRI.
#[derive(Debug, Clone, Copy)]
pub(crate) enum LinkKey<'k> {
    /// A country, by its ISO code.
    Country(&'k str),
    /// A city, by its index in the reference data.
    City(usize),
    /// An organisation, by its index in the reference data.
    Org(usize),
}

impl ReferenceLinks {
    fn new(reference: &Reference) -> Self {
        let slots = |len: usize| (0..len).map(|_| LinkSlot::new()).collect();
        Self {
            countries: reference.countries.iter().map(|c| (c.iso2.clone(), LinkSlot::new())).collect(),
            cities: slots(reference.cities.len()),
            orgs: slots(reference.organisations.len()),
        }
    }

    /// The links `make` gives `iri` under `key`. Each key's are made once,
    /// for the first IRI asked; they are made anew for another IRI (or a
    /// key reference data does not have).
    pub(crate) fn get(
        &self,
        key: LinkKey<'_>,
        iri: &NamedNode,
        make: impl FnOnce() -> Vec<Triple>,
    ) -> Cow<'_, [Triple]> {
        let slot = match key {
            LinkKey::Country(iso) => self.countries.get(iso),
            LinkKey::City(i) => self.cities.get(i),
            LinkKey::Org(i) => self.orgs.get(i),
        };
        let mut make = Some(make);
        let mut made = || make.take().map_or_else(Vec::new, |make| make());
        match slot.map(|slot| slot.get_or_init(|| (iri.clone(), made()))) {
            Some((made_for, links)) if made_for == iri => Cow::Borrowed(links),
            _ => Cow::Owned(made()),
        }
    }
}

impl ReferenceEntities {
    /// The entities of all of `reference`.
    pub(crate) fn new(reference: &Reference) -> Self {
        let all = |len: usize, target: fn(usize) -> Target| -> Vec<Option<Ent>> {
            (0..len).map(|i| Ent::from_reference(reference, target(i))).collect()
        };
        Self {
            missions: all(reference.field_operations.len(), Target::Mission),
            orgs: all(reference.organisations.len(), Target::Org),
            countries: all(reference.countries.len(), Target::Country),
            cities: all(reference.cities.len(), Target::City),
            demonyms: all(reference.countries.len(), Target::Demonym),
            by_iso: reference
                .countries
                .iter()
                .map(|c| (c.iso2.clone(), Ent::country(c.iso2.clone(), c.name.clone())))
                .collect(),
            links: ReferenceLinks::new(reference),
        }
    }

    /// The country entity of a reference ISO code, as the facts that
    /// place an entity in it name it.
    pub(crate) fn country_by_iso(&self, iso2: &str) -> Option<&Ent> {
        self.by_iso.get(iso2)
    }

    /// The index of the first reference organisation whose IRI is `iri`.
    pub(crate) fn org_with_iri(&self, iri: &NamedNode) -> Option<usize> {
        self.orgs.iter().position(|o| o.as_ref().is_some_and(|o| o.iri == *iri))
    }

    /// What [`Ent::from_reference`] gives for `target`.
    pub(crate) fn get(&self, target: Target) -> Option<&Ent> {
        let (list, i) = match target {
            Target::Mission(i) => (&self.missions, i),
            Target::Org(i) => (&self.orgs, i),
            Target::Country(i) => (&self.countries, i),
            Target::City(i) => (&self.cities, i),
            Target::Demonym(i) => (&self.demonyms, i),
            Target::Local(_) | Target::Lexicon(_) => return None,
        };
        list.get(i)?.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::Literal;

    #[test]
    fn organisations_are_found_by_their_iri() {
        let reference = Reference::builtin().expect("built-in reference data");
        let entities = ReferenceEntities::new(&reference);
        for o in &reference.organisations {
            let iri = id::entity(Kind::Org, &o.id);
            let first = reference.organisations.iter().position(|p| id::entity(Kind::Org, &p.id) == iri);
            assert_eq!(entities.org_with_iri(&iri), first, "{}", o.id);
            assert!(first.is_some());
        }
        assert_eq!(entities.org_with_iri(&id::entity(Kind::Country, "AT")), None);
    }

    #[test]
    fn reference_links_are_made_once_per_key_and_iri() {
        let reference = Reference::builtin().expect("built-in reference data");
        let links = ReferenceLinks::new(&reference);
        let (a, b) =
            (NamedNode::new_unchecked("https://example.org/a"), NamedNode::new_unchecked("https://example.org/b"));
        let made = std::cell::Cell::new(0);
        let make = |iri: &NamedNode| {
            made.set(made.get() + 1);
            vec![Triple::new(iri.clone(), ssgr::ISO3166, Literal::new_simple_literal("x"))]
        };
        let key = LinkKey::City(0);
        let first = links.get(key, &a, || make(&a)).into_owned();
        assert!(matches!(links.get(key, &a, || make(&a)), Cow::Borrowed(l) if l == first));
        assert_eq!(made.get(), 1, "made once for a key and an IRI");
        // Another IRI under the same key has links of its own, made anew.
        let other = links.get(key, &b, || make(&b));
        assert!(matches!(&other, Cow::Owned(l) if l[0].subject == b.clone().into()));
        // As has a key reference data does not have.
        assert!(matches!(links.get(LinkKey::Org(usize::MAX), &a, || make(&a)), Cow::Owned(_)));
        assert!(matches!(links.get(LinkKey::Country("no such code"), &a, || make(&a)), Cow::Owned(_)));
        assert_eq!(made.get(), 4);
    }
}
