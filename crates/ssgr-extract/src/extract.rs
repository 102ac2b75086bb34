//! The extractor: from a laid-out document to its triples.
//!
//! Reading a document takes two passes over its sentences. The first finds
//! names the reference data does not know (acronyms defined in the text,
//! organisations by their head words, persons in author and instructor
//! patterns, field operations by their "Mission to …" shape); the second
//! finds every mention, reference and discovered alike. Then the rules of
//! `relations` and `entries` read statements from sentences and entries.

use std::collections::HashMap;

use oxrdf::{Literal, NamedNode, Triple};
use rustc_hash::{FxHashMap, FxHashSet};
use ssgr_vocab::id::{self, Kind};
use ssgr_vocab::{rdfs, ssgr};

use crate::cues::Cues;
use crate::dates::{DayOrder, day_order};
use crate::document::Document;
use crate::emit::{Emitter, Span};
use crate::entity::{Ent, ReferenceEntities};
use crate::furniture::{EntryKind, Furniture};
use crate::gazetteer::{Gazetteer, Mention, Target};
use crate::lexicon::Lexicon;
use crate::reference::{Reference, ReferenceError};
use crate::text::sentences;
use crate::topics::Topics;

mod reference_facts;

const ABBREVIATIONS: &str = include_str!("../../../ontology/reference/abbreviations.tsv");

/// Everything the extractor knows before it reads a document: reference
/// data, the topic thesaurus, the page-furniture list.
pub struct Extractor {
    pub(crate) reference: Reference,
    pub(crate) gazetteer: Gazetteer,
    pub(crate) furniture: Furniture,
    pub(crate) topics: Topics,
    /// Abbreviations of national bodies ("MoD") and their expansions.
    pub(crate) abbreviations: HashMap<String, String>,
    /// The index of each organisation in the reference list, by id (the
    /// first where two share one).
    org_index: HashMap<String, usize>,
    entities: ReferenceEntities,
}

/// Why the extractor could not be set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SetupError {
    /// A reference data file is malformed.
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    /// The ontology or topic file does not parse.
    #[error(transparent)]
    Ontology(#[from] ssgr_vocab::OntologyError),
    /// A pattern list is too large or malformed.
    #[error("cannot build the name automaton: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
    /// A furniture pattern is not a valid regular expression.
    #[error("page_furniture.tsv: {0}")]
    Furniture(#[from] regex::Error),
}

/// Something worth telling the user about a document that was read anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line in the document's text.
    pub line: usize,
    /// What was noticed.
    pub message: String,
}

/// The result of reading one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The document's file stem.
    pub stem: String,
    /// `ssgrid:doc/<stem>`.
    pub doc: NamedNode,
    /// `ssgrid:graph/<stem>`: the named graph its triples belong in.
    pub graph: NamedNode,
    /// The extracted triples, evidence included, sorted.
    pub triples: Vec<Triple>,
    /// `owl:sameAs` links of the entities found, from reference data; they
    /// belong in `ssgrid:graph/links`.
    pub links: Vec<Triple>,
    /// What was noticed on the way.
    pub diagnostics: Vec<Diagnostic>,
}

impl Extractor {
    /// The extractor with the built-in reference data and thesaurus.
    pub fn new() -> Result<Self, SetupError> {
        Self::with_reference(Reference::builtin()?)
    }

    /// The extractor with other reference data.
    pub fn with_reference(reference: Reference) -> Result<Self, SetupError> {
        let gazetteer = Gazetteer::from_reference(&reference)?;
        let topics = Topics::new(&ssgr_vocab::topic_triples()?)?;
        let abbreviations = ABBREVIATIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, e)| (a.trim().to_owned(), e.trim().to_owned()))
            .collect();
        let mut org_index = HashMap::new();
        for (i, o) in reference.organisations.iter().enumerate() {
            org_index.entry(o.id.clone()).or_insert(i);
        }
        let entities = ReferenceEntities::new(&reference);
        Ok(Self { reference, gazetteer, furniture: Furniture::builtin()?, topics, abbreviations, org_index, entities })
    }

    /// The entity of a reference target (`None` for the others).
    pub(crate) fn entity(&self, target: Target) -> Option<Ent> {
        self.entities.get(target).cloned()
    }

    /// The id of the first reference organisation whose IRI is `iri`.
    pub(crate) fn org_id(&self, iri: &NamedNode) -> Option<&str> {
        let index = self.entities.org_with_iri(iri)?;
        self.reference.organisations.get(index).map(|o| o.id.as_str())
    }

    /// The reference data in use.
    pub fn reference(&self) -> &Reference {
        &self.reference
    }

    /// Reads one document. Never fails: what cannot be read becomes a diagnostic.
    pub fn extract(&self, doc: &Document) -> Extraction {
        self.extract_with(doc, &Lexicon::default())
    }

    /// Reads one document, knowing the acronyms the rest of the corpus
    /// defines (see [`Extractor::learn`]).
    pub fn extract_with(&self, doc: &Document, lexicon: &Lexicon) -> Extraction {
        let mut reader = Reader::new(self, doc);
        reader.lexicon = Some(lexicon);
        reader.run();
        reader.finish()
    }

    /// The acronyms a document defines for bodies that reference data does
    /// not know: the first of a build's two passes.
    ///
    /// Only the acronym rule runs, on the sentences with a bracket: the
    /// other discovery rules add no acronym, and the second pass runs them
    /// all. The entity an acronym names is the one its definition spells
    /// out (the full discovery would give an organisation found earlier
    /// under a spelling with the same IRI, "Academy For" for "Academy for",
    /// its own spelling; the IRI is the same).
    pub fn learn(&self, doc: &Document) -> Lexicon {
        let mut reader = Reader::new(self, doc);
        for i in 0..reader.sentences.len() {
            reader.discover_acronyms_only(i);
        }
        let mut lexicon = Lexicon::default();
        for (target, name) in &reader.aliases {
            if let (Target::Local(i), true) = (target, crate::discover::is_acronym(name)) {
                if let Some(ent) = reader.locals.get(*i) {
                    lexicon.define(name, ent);
                }
            }
        }
        lexicon
    }
}

/// A sentence of the document, by byte range, with its block.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sentence {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) block: usize,
}

impl Sentence {
    pub(crate) fn span(&self) -> Span {
        Span { start: self.start, end: self.end }
    }
}

/// A resolved mention, by byte range in the document.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) ent: Ent,
    /// Written as an adjective ("Austrian"), not as the name of a place.
    pub(crate) demonym: bool,
}

/// The state of reading one document.
pub(crate) struct Reader<'a> {
    pub(crate) ex: &'a Extractor,
    pub(crate) doc: &'a Document,
    /// The corpus's acronyms, in the second pass of a build.
    lexicon: Option<&'a Lexicon>,
    pub(crate) em: Emitter<'a>,
    pub(crate) order: DayOrder,
    pub(crate) sentences: Vec<Sentence>,
    /// Per block: `Some` if it is furniture, with the entry kind it names.
    pub(crate) furniture: Vec<Option<Option<EntryKind>>>,
    /// Entities discovered in this document: `Target::Local(i)`.
    pub(crate) locals: Vec<Ent>,
    /// Names to look for in the second pass.
    pub(crate) aliases: Vec<(Target, String)>,
    /// Per sentence, its mentions in order.
    pub(crate) mentions: Vec<Vec<Found>>,
    /// Per sentence, the reference names the first pass found in it.
    pub(crate) reference_mentions: Vec<Vec<Mention>>,
    /// Per sentence, the cue phrases it holds (see `cues`); set by `run`.
    cues: Vec<Cues>,
    /// Per sentence, the topics it names, once tagged (see `tag_subjects`).
    pub(crate) topics_by_sentence: Vec<Option<Vec<NamedNode>>>,
    /// Per block, the range of its sentences (sentences are in block order).
    block_sentences: Vec<std::ops::Range<usize>>,
    declared: FxHashSet<NamedNode>,
    /// Parents of discovered units, by the unit's IRI.
    pub(crate) local_parents: FxHashMap<NamedNode, Ent>,
    /// The organisation the page is about: the one its first block names,
    /// else the one it names most often.
    pub(crate) page_actor: Option<Ent>,
    pub(crate) links: Vec<Triple>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    fn new(ex: &'a Extractor, doc: &'a Document) -> Self {
        let furniture: Vec<_> = doc.blocks.iter().map(|b| ex.furniture.classify(doc.block_text(b))).collect();
        let mut all = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            if furniture[i].is_some() {
                continue;
            }
            for (s, e) in sentences(doc.block_text(block)) {
                all.push(Sentence { start: block.start + s, end: block.start + e, block: i });
            }
        }
        let mut block_sentences = vec![0..0; doc.blocks.len()];
        for (i, s) in all.iter().enumerate() {
            let range = &mut block_sentences[s.block];
            if range.end == 0 {
                *range = i..i + 1;
            } else {
                range.end = i + 1;
            }
        }
        Self {
            ex,
            doc,
            lexicon: None,
            block_sentences,
            em: Emitter::new(&doc.stem, &doc.text),
            // Set by `run`: the first pass reads no date.
            order: DayOrder::DayFirst,
            sentences: all,
            furniture,
            locals: Vec::new(),
            aliases: Vec::new(),
            mentions: Vec::new(),
            reference_mentions: Vec::new(),
            cues: Vec::new(),
            topics_by_sentence: Vec::new(),
            declared: FxHashSet::default(),
            local_parents: FxHashMap::default(),
            page_actor: None,
            links: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn run(&mut self) {
        self.order = day_order(&self.doc.text);
        self.declare_document();
        self.cues = (0..self.sentences.len()).map(|i| Cues::of(self.sentence_text(i))).collect();
        for i in 0..self.sentences.len() {
            self.discover(i);
        }
        self.resolve_abbreviations();
        self.find_mentions();
        self.page_actor = self.find_page_actor();
        for i in 0..self.sentences.len() {
            // Lent out, not cloned: declaring reads no mention.
            let found = std::mem::take(&mut self.mentions[i]);
            for f in &found {
                self.declare(&f.ent, self.sentences[i].span(), f, f.demonym);
            }
            self.mentions[i] = found;
            self.sentence_relations(i);
        }
        self.read_entries();
        if self.declared.is_empty() {
            self.note(0, "no entity found: the document names no organisation, place, person or publication ssgr knows how to read".into());
        }
    }

    fn finish(self) -> Extraction {
        let stem = self.doc.stem.clone();
        Extraction {
            doc: id::entity(Kind::Doc, &stem),
            graph: id::entity(Kind::Graph, &stem),
            stem,
            triples: self.em.into_triples(),
            links: self.links,
            diagnostics: self.diagnostics,
        }
    }

    pub(crate) fn text(&self, start: usize, end: usize) -> &'a str {
        &self.doc.text[start..end]
    }

    /// The sentences (by index) of the given blocks, in order.
    pub(crate) fn sentences_of(&self, blocks: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> =
            blocks.iter().flat_map(|&b| self.block_sentences.get(b).cloned().unwrap_or(0..0)).collect();
        out.sort_unstable();
        out
    }

    /// The first sentence of a block, as evidence for a statement about it.
    pub(crate) fn first_sentence_of(&self, block: usize) -> Option<usize> {
        self.block_sentences.get(block).filter(|r| r.end > r.start).map(|r| r.start)
    }

    /// The cue phrases sentence `i` may hold.
    pub(crate) fn cues_of(&self, i: usize) -> Cues {
        self.cues.get(i).copied().unwrap_or_else(Cues::all)
    }

    pub(crate) fn sentence_text(&self, i: usize) -> &'a str {
        let s = self.sentences[i];
        &self.doc.text[s.start..s.end]
    }

    fn declare_document(&mut self) {
        let doc = self.em.doc().clone();
        self.em.plain(&doc, ssgr_vocab::rdf::TYPE, ssgr::SOURCE_DOCUMENT.into_owned());
        self.em.plain(&doc, rdfs::LABEL, Literal::new_simple_literal(self.doc.path.display().to_string()));
    }

    /// The second pass: reference names and the names discovered in the
    /// first pass, longest first where they overlap.
    fn find_mentions(&mut self) {
        let local = Gazetteer::for_one_document(std::mem::take(&mut self.aliases)).ok();
        let mut all = Vec::with_capacity(self.sentences.len());
        for i in 0..self.sentences.len() {
            let s = self.sentences[i];
            let text = self.sentence_text(i);
            let mut found: Vec<Mention> = match self.reference_mentions.get_mut(i) {
                Some(first_pass) => std::mem::take(first_pass),
                None => self.ex.gazetteer.find(text),
            };
            if let Some(local) = &local {
                local.find_into(text, &mut found);
            }
            if let Some(lexicon) = self.lexicon {
                // After the document's own names, so that on the same span
                // the document's definition wins (the sort below is stable).
                lexicon.find_into(text, &mut found);
            }
            found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
            let mut kept: Vec<Found> = Vec::new();
            for m in found {
                if kept.last().is_some_and(|k| m.start < k.end - s.start) {
                    continue;
                }
                if let Some(ent) = self.resolve(m.target) {
                    kept.push(Found {
                        start: s.start + m.start,
                        end: s.start + m.end,
                        ent,
                        demonym: matches!(m.target, Target::Demonym(_)),
                    });
                }
            }
            all.push(kept);
        }
        self.mentions = all;
    }

    pub(crate) fn resolve(&self, target: Target) -> Option<Ent> {
        match target {
            Target::Local(i) => self.locals.get(i).cloned(),
            Target::Lexicon(i) => self.lexicon.and_then(|l| l.entity(i)).cloned(),
            other => self.ex.entity(other),
        }
    }

    /// Adds a name for the second pass, and returns the target.
    pub(crate) fn alias(&mut self, target: Target, name: &str) {
        self.aliases.push((target, name.to_owned()));
    }

    /// Adds a discovered entity (or finds the one with the same IRI).
    pub(crate) fn local(&mut self, ent: Ent) -> Target {
        if let Some(i) = self.locals.iter().position(|e| e.iri == ent.iri) {
            return Target::Local(i);
        }
        self.locals.push(ent);
        Target::Local(self.locals.len() - 1)
    }

    /// Emits an entity the first time the document names it, with what
    /// reference data says of it, evidenced by the sentence that names it.
    pub(crate) fn declare(&mut self, ent: &Ent, span: Span, found: &Found, demonym: bool) {
        if !demonym {
            let surface = self.text(found.start, found.end);
            self.em.name(&ent.iri, &ent.label, ent.canonical);
            if surface != ent.label && !surface.chars().all(|c| c.is_lowercase() || !c.is_alphabetic()) {
                self.em.name(&ent.iri, surface, false);
            }
        }
        self.declare_entity(ent, span);
    }

    /// Emits an entity's type, provenance and reference facts once.
    pub(crate) fn declare_entity(&mut self, ent: &Ent, span: Span) {
        if self.declared.contains(&ent.iri) {
            return;
        }
        self.declared.insert(ent.iri.clone());
        self.em.entity(&ent.iri, ent.class);
        if ent.canonical {
            self.em.name(&ent.iri, &ent.label, true);
        }
        self.reference_facts(ent, span);
    }

    fn find_page_actor(&self) -> Option<Ent> {
        let first_block = self.sentences.first()?.block;
        let whole_first = self.mentions.first().and_then(|m| {
            let block = &self.doc.blocks[first_block];
            let text = self.doc.block_text(block);
            m.iter().find(|f| {
                f.ent.is_actor() && f.start == block.start && text.trim_end().ends_with(')')
                    || f.start == block.start && f.end == block.end
            })
        });
        if let Some(f) = whole_first.filter(|f| f.ent.is_actor()) {
            return Some(f.ent.clone());
        }
        let mut counts: HashMap<&NamedNode, (usize, &Ent)> = HashMap::new();
        for f in self.mentions.iter().flatten().filter(|f| f.ent.class == ssgr::ORGANISATION) {
            counts.entry(&f.ent.iri).or_insert((0, &f.ent)).0 += 1;
        }
        counts
            .into_values()
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.iri.as_str().cmp(a.1.iri.as_str())))
            .map(|(_, e)| e.clone())
    }

    /// Records a note about the document at a byte offset.
    pub(crate) fn note(&mut self, offset: usize, message: String) {
        let line = self.doc.text[..offset.min(self.doc.text.len())].matches('\n').count() + 1;
        self.diagnostics.push(Diagnostic { line, message });
    }
}
