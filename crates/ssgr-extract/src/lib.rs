#![doc = include_str!("../README.md")]

mod cues;
mod dates;
mod discover;
mod document;
mod emit;
mod entity;
mod entries;
mod error;
mod extract;
mod few_names;
mod furniture;
mod gazetteer;
mod html;
mod input;
mod layout;
mod lexicon;
mod links;
mod merge;
mod names;
mod narrow;
mod pattern;
mod reference;
mod relations;
mod swar;
mod text;
mod topics;
mod triples;

pub use document::{Block, BlockKind, Document, Format};
pub use error::InputError;
pub use extract::{Diagnostic, Extraction, Extractor, SetupError};
pub use input::{ReadOptions, format_of, parse_document, read_document};
pub use lexicon::Lexicon;
pub use links::{GEONAMES_SOURCE, link_reifier, sourced_link, sourced_statement};
pub use merge::merge;
pub use reference::{City, Country, FieldOperation, Organisation, Reference, ReferenceError};
