//! What the reference data says about an entity the document mentions:
//! its ISO code and country, its parent organisation, its GeoNames and
//! Wikidata identifiers. Stated with the evidence of the sentence where
//! the entity was found.

use std::borrow::Cow;

use oxrdf::{Literal, NamedNode, Triple};
use ssgr_vocab::{org, ssgr};

use super::Reader;
use crate::emit::Span;
use crate::entity::{Ent, LinkKey};
use crate::gazetteer::Target;
use crate::links::{GEONAMES_SOURCE, sourced_link};

impl Reader<'_> {
    /// The facts the reference data gives about an entity found in the
    /// document: its country, parent and external identifiers.
    pub(super) fn reference_facts(&mut self, ent: &Ent, span: Span) {
        let reference = &self.ex.reference;
        if ent.class == ssgr::COUNTRY {
            if let Some(c) = ent.country.as_deref().and_then(|iso| reference.country(iso)) {
                self.em.plain(&ent.iri, ssgr::ISO3166, Literal::new_simple_literal(&c.iso2));
                self.links(LinkKey::Country(&c.iso2), &ent.iri, |iri| {
                    let mut links = Vec::new();
                    if let Some(g) = &c.geonames_id {
                        links.extend(sourced_link(iri, &format!("https://sws.geonames.org/{g}/"), GEONAMES_SOURCE));
                    }
                    if let Some((q, source)) = reference.country_wikidata.get(&c.iso2) {
                        links.extend(sourced_link(iri, &format!("http://www.wikidata.org/entity/{q}"), source));
                    }
                    links
                });
            }
            return;
        }
        if ent.class == ssgr::PLACE {
            if let Some(iso) = &ent.country {
                self.located(ent, iso, ssgr::LOCATED_IN, span, "reference:city-country");
            }
            if let Some((i, city)) = match ent.reference {
                Some(Target::City(i)) => reference.cities.get(i).map(|city| (i, city)),
                _ => None,
            } {
                self.links(LinkKey::City(i), &ent.iri, |iri| {
                    sourced_link(iri, &format!("https://sws.geonames.org/{}/", city.geonames_id), GEONAMES_SOURCE)
                });
            }
            return;
        }
        if ent.class == ssgr::FIELD_MISSION {
            if let Some(iso) = &ent.country {
                self.located(ent, iso, ssgr::HOST_COUNTRY, span, "reference:field-operation-host");
            }
        } else if let Some(iso) = &ent.country {
            self.located(ent, iso, ssgr::LOCATED_IN, span, "reference:organisation-country");
        }
        if let Some(parent) = self.local_parents.get(&ent.iri).cloned() {
            self.unit_of(ent, &parent, span, "discovered:parent-prefix");
        }
        if let Some(parent) = self.reference_parent(ent) {
            self.unit_of(ent, &parent, span, "reference:parent");
        }
        let wikidata = match ent.reference {
            Some(Target::Org(i)) => reference.organisations.get(i).and_then(|o| o.wikidata.as_ref()).map(|q| (i, q)),
            _ => None,
        };
        if let Some((i, q)) = wikidata {
            self.links(LinkKey::Org(i), &ent.iri, |iri| {
                // organisations.tsv names the entity page as the id's source.
                let source = format!("https://www.wikidata.org/wiki/{q}");
                sourced_link(iri, &format!("http://www.wikidata.org/entity/{q}"), &source)
            });
        }
    }

    fn reference_parent(&self, ent: &Ent) -> Option<Ent> {
        let reference = &self.ex.reference;
        let parent_id = match ent.reference? {
            Target::Mission(i) => reference.field_operations.get(i).map(|m| m.org.clone()),
            Target::Org(i) => reference.organisations.get(i).and_then(|o| o.parent.clone()),
            _ => None,
        }?;
        let index = self.ex.org_index.get(&parent_id)?;
        self.ex.entity(Target::Org(*index))
    }

    fn located(&mut self, ent: &Ent, iso: &str, property: oxrdf::NamedNodeRef<'_>, span: Span, rule: &'static str) {
        // Borrowed from the extractor, not from the reader being changed.
        let ex = self.ex;
        let Some(country) = ex.entities.country_by_iso(iso) else { return };
        self.declare_entity(country, span);
        self.em.fact(&ent.iri, property, country.iri.clone(), span, rule);
    }

    /// States that `unit` is a unit of `parent`, in both directions.
    pub(crate) fn unit_of(&mut self, unit: &Ent, parent: &Ent, span: Span, rule: &'static str) {
        if unit.iri == parent.iri {
            return;
        }
        self.declare_entity(parent, span);
        self.em.fact(&unit.iri, org::UNIT_OF, parent.iri.clone(), span, rule);
        self.em.fact(&parent.iri, org::HAS_UNIT, unit.iri.clone(), span, rule);
    }

    /// Adds the links `make` gives `iri` (see `links.rs`), made once for
    /// every document that names the entity (see `ReferenceLinks`).
    fn links(&mut self, key: LinkKey<'_>, iri: &NamedNode, make: impl FnOnce(&NamedNode) -> Vec<Triple>) {
        // Borrowed from the extractor, not from the reader being changed.
        let ex = self.ex;
        match ex.entities.links.get(key, iri, || make(iri)) {
            Cow::Borrowed(links) => self.links.extend_from_slice(links),
            Cow::Owned(links) => self.links.extend(links),
        }
    }
}
