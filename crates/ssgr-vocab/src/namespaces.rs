//! IRI constants, one module per namespace.

/// Declares `pub const NAME: NamedNodeRef` items under a namespace prefix.
macro_rules! terms {
    ($ns:expr; $($(#[$doc:meta])* $name:ident = $local:literal),* $(,)?) => {
        /// The namespace IRI.
        pub const NS: &str = $ns;
        $(
            $(#[$doc])*
            pub const $name: oxrdf::NamedNodeRef<'static> =
                oxrdf::NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
    };
}

/// The SSG/R ontology: `https://w3id.org/ssgr/ontology#`.
pub mod ssgr {
    terms! { "https://w3id.org/ssgr/ontology#";
        /// Anyone who acts.
        ACTOR = "Actor",
        /// An organisation.
        ORGANISATION = "Organisation",
        /// A body inside another organisation.
        ORGANISATIONAL_UNIT = "OrganisationalUnit",
        /// A field operation in a host country.
        FIELD_MISSION = "FieldMission",
        /// A person.
        PERSON = "Person",
        /// A country or territory.
        COUNTRY = "Country",
        /// A city or region below country level.
        PLACE = "Place",
        /// An SSG/R thematic area.
        TOPIC = "Topic",
        /// A report, handbook, toolkit, guide or paper.
        PUBLICATION = "Publication",
        /// A mandate, assessment, project, workshop, training or agreement.
        ENGAGEMENT = "Engagement",
        /// A job advertisement.
        VACANCY = "Vacancy",
        /// An input document.
        SOURCE_DOCUMENT = "SourceDocument",
        /// The record of where an extracted statement was read.
        EVIDENCE = "Evidence",
        /// Field mission to its host country.
        HOST_COUNTRY = "hostCountry",
        /// Place, vacancy or organisation to where it is.
        LOCATED_IN = "locatedIn",
        /// Actor to a topic it works on.
        WORKS_ON = "worksOn",
        /// Actor to a country it is active in.
        ACTIVE_IN = "activeIn",
        /// Symmetric co-operation between actors.
        COOPERATES_WITH = "cooperatesWith",
        /// Engagement to who asked for it.
        REQUESTED_BY = "requestedBy",
        /// Engagement to who organised or led it.
        ORGANISED_BY = "organisedBy",
        /// Engagement to who supported it.
        SUPPORTED_BY = "supportedBy",
        /// Engagement to who carried it out.
        IMPLEMENTED_BY = "implementedBy",
        /// Engagement to the national body that received the support.
        BENEFICIARY = "beneficiary",
        /// Country to its ISO 3166-1 alpha-2 code.
        ISO3166 = "iso3166",
        /// Source document to an entity it mentions.
        MENTIONS = "mentions",
        /// Evidence to the sentence text it was read in.
        SENTENCE = "sentence",
        /// Evidence to the name of the extraction rule that produced it.
        RULE = "rule",
        /// An entity's PageRank in the actor–topic network.
        PAGE_RANK = "pageRank",
        /// An entity's betweenness centrality.
        BETWEENNESS = "betweenness",
        /// An entity's degree in the actor–topic network.
        DEGREE = "degree",
        /// The community an entity belongs to.
        COMMUNITY = "community",
        /// A possible external identity awaiting confirmation.
        CANDIDATE = "candidate",
        /// How well a candidate match agrees with its entity, from 0 to 1.
        SCORE = "score",
    }
}

/// Instances and graphs: `https://w3id.org/ssgr/id/`.
pub mod ssgrid {
    terms! { "https://w3id.org/ssgr/id/";
        /// The graph holding the ontology and the topic scheme.
        GRAPH_ONTOLOGY = "graph/ontology",
        /// The graph holding links to external datasets.
        GRAPH_LINKS = "graph/links",
        /// The graph holding network analytics scores.
        GRAPH_ANALYTICS = "graph/analytics",
        /// The graph holding the VoID and DCAT description of the dataset.
        GRAPH_VOID = "graph/void",
        /// The dataset itself, as the VoID and DCAT description names it.
        VOID_DATASET = "void/dataset",
        /// The SKOS concept scheme of SSG/R topics.
        TOPICS = "topics",
    }
}

/// VoID, the Vocabulary of Interlinked Datasets.
pub mod void {
    terms! { "http://rdfs.org/ns/void#";
        /// A dataset.
        DATASET = "Dataset",
        /// Number of triples.
        TRIPLES = "triples",
        /// Number of entities.
        ENTITIES = "entities",
        /// Number of distinct classes.
        CLASSES = "classes",
        /// Number of distinct properties.
        PROPERTIES = "properties",
        /// Number of distinct subjects.
        DISTINCT_SUBJECTS = "distinctSubjects",
        /// Number of distinct objects.
        DISTINCT_OBJECTS = "distinctObjects",
        /// A subset holding the instances of one class.
        CLASS_PARTITION = "classPartition",
        /// A subset holding the triples of one property.
        PROPERTY_PARTITION = "propertyPartition",
        /// The class of a class partition.
        CLASS = "class",
        /// The property of a property partition.
        PROPERTY = "property",
        /// A SPARQL endpoint serving the dataset.
        SPARQL_ENDPOINT = "sparqlEndpoint",
        /// A dump of the dataset.
        DATA_DUMP = "dataDump",
        /// A vocabulary the dataset uses.
        VOCABULARY = "vocabulary",
        /// The root resource of the dataset.
        ROOT_RESOURCE = "rootResource",
    }
}

/// DCAT, the Data Catalog Vocabulary.
pub mod dcat {
    terms! { "http://www.w3.org/ns/dcat#";
        /// A dataset.
        DATASET = "Dataset",
        /// A distribution of a dataset.
        DISTRIBUTION = "Distribution",
        /// A dataset to one of its distributions.
        HAS_DISTRIBUTION = "distribution",
        /// Where a distribution can be accessed.
        ACCESS_URL = "accessURL",
        /// Where a distribution can be downloaded.
        DOWNLOAD_URL = "downloadURL",
        /// A distribution's media type.
        MEDIA_TYPE = "mediaType",
    }
}

/// W3C Organization Ontology.
pub mod org {
    terms! { "http://www.w3.org/ns/org#";
        /// A unit to its parent organisation.
        UNIT_OF = "unitOf",
        /// An organisation to one of its units.
        HAS_UNIT = "hasUnit",
        /// The class of organisations.
        ORGANIZATION = "Organization",
        /// The class of organisational units.
        ORGANIZATIONAL_UNIT = "OrganizationalUnit",
    }
}

/// SKOS.
pub mod skos {
    terms! { "http://www.w3.org/2004/02/skos/core#";
        /// A concept.
        CONCEPT = "Concept",
        /// A concept scheme.
        CONCEPT_SCHEME = "ConceptScheme",
        /// Preferred label.
        PREF_LABEL = "prefLabel",
        /// Alternative label.
        ALT_LABEL = "altLabel",
        /// Hidden label.
        HIDDEN_LABEL = "hiddenLabel",
        /// Broader concept.
        BROADER = "broader",
        /// Narrower concept.
        NARROWER = "narrower",
        /// Concept scheme membership.
        IN_SCHEME = "inScheme",
        /// Definition.
        DEFINITION = "definition",
    }
}

/// Dublin Core terms.
pub mod dcterms {
    terms! { "http://purl.org/dc/terms/";
        /// Who issued a publication.
        PUBLISHER = "publisher",
        /// Author or developing organisation.
        CREATOR = "creator",
        /// Contributor.
        CONTRIBUTOR = "contributor",
        /// Title.
        TITLE = "title",
        /// Abstract.
        ABSTRACT = "abstract",
        /// Date or year of issue.
        ISSUED = "issued",
        /// Topic.
        SUBJECT = "subject",
        /// Country covered.
        SPATIAL = "spatial",
        /// Where a statement or link came from.
        SOURCE = "source",
        /// Date modified.
        MODIFIED = "modified",
        /// Licence.
        LICENSE = "license",
        /// Description.
        DESCRIPTION = "description",
    }
}

/// schema.org.
pub mod schema {
    terms! { "https://schema.org/";
        /// A country.
        COUNTRY = "Country",
        /// A place.
        PLACE = "Place",
        /// A creative work.
        CREATIVE_WORK = "CreativeWork",
        /// An event.
        EVENT = "Event",
        /// A job posting.
        JOB_POSTING = "JobPosting",
        /// Editor of a publication.
        EDITOR = "editor",
        /// ISBN.
        ISBN = "isbn",
        /// Start date.
        START_DATE = "startDate",
        /// End date.
        END_DATE = "endDate",
        /// Organisation that offers a job.
        HIRING_ORGANIZATION = "hiringOrganization",
        /// Where a job is.
        JOB_LOCATION = "jobLocation",
        /// Application deadline.
        VALID_THROUGH = "validThrough",
    }
}

/// FOAF.
pub mod foaf {
    terms! { "http://xmlns.com/foaf/0.1/";
        /// Agent.
        AGENT = "Agent",
        /// Person.
        PERSON = "Person",
        /// Document.
        DOCUMENT = "Document",
    }
}

/// PROV-O.
pub mod prov {
    terms! { "http://www.w3.org/ns/prov#";
        /// Activity.
        ACTIVITY = "Activity",
        /// Entity.
        ENTITY = "Entity",
        /// Entity to the source document it was found in.
        WAS_DERIVED_FROM = "wasDerivedFrom",
        /// When an entity (here, a link) was made.
        GENERATED_AT_TIME = "generatedAtTime",
    }
}

/// OWL.
pub mod owl {
    terms! { "http://www.w3.org/2002/07/owl#";
        /// Same individual.
        SAME_AS = "sameAs",
        /// Inverse property.
        INVERSE_OF = "inverseOf",
        /// Symmetric property class.
        SYMMETRIC_PROPERTY = "SymmetricProperty",
        /// Class.
        CLASS = "Class",
        /// Object property.
        OBJECT_PROPERTY = "ObjectProperty",
        /// Datatype property.
        DATATYPE_PROPERTY = "DatatypeProperty",
        /// Ontology.
        ONTOLOGY = "Ontology",
    }
}

/// RDFS.
pub mod rdfs {
    terms! { "http://www.w3.org/2000/01/rdf-schema#";
        /// Label.
        LABEL = "label",
        /// Comment.
        COMMENT = "comment",
        /// Subclass axiom.
        SUB_CLASS_OF = "subClassOf",
        /// Subproperty axiom.
        SUB_PROPERTY_OF = "subPropertyOf",
        /// Domain.
        DOMAIN = "domain",
        /// Range.
        RANGE = "range",
    }
}

/// RDF.
pub mod rdf {
    terms! { "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        /// Type.
        TYPE = "type",
        /// RDF 1.2 reifier to the triple term it reifies.
        REIFIES = "reifies",
    }
}

/// NIF 2.0 core: offsets of a string in its context.
pub mod nif {
    terms! { "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        /// First character offset (inclusive).
        BEGIN_INDEX = "beginIndex",
        /// Last character offset (exclusive).
        END_INDEX = "endIndex",
        /// The text of the string.
        ANCHOR_OF = "anchorOf",
        /// The document the string is part of.
        REFERENCE_CONTEXT = "referenceContext",
    }
}

/// XML Schema datatypes.
pub mod xsd {
    terms! { "http://www.w3.org/2001/XMLSchema#";
        /// Date.
        DATE = "date",
        /// Date and time.
        DATE_TIME = "dateTime",
        /// Year.
        G_YEAR = "gYear",
        /// Integer.
        INTEGER = "integer",
        /// Non-negative integer.
        NON_NEGATIVE_INTEGER = "nonNegativeInteger",
        /// Double.
        DOUBLE = "double",
    }
}

/// The prefixes every serialisation and query in the project uses.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ssgr", ssgr::NS),
    ("ssgrid", ssgrid::NS),
    ("org", org::NS),
    ("skos", skos::NS),
    ("dcterms", dcterms::NS),
    ("schema", schema::NS),
    ("foaf", foaf::NS),
    ("prov", prov::NS),
    ("owl", owl::NS),
    ("rdfs", rdfs::NS),
    ("rdf", rdf::NS),
    ("xsd", xsd::NS),
    ("nif", nif::NS),
];
