//! Reference data: countries, cities, organisations and field operations,
//! read from the TSV files of `ontology/reference/` (each states its source
//! and licence in its header).

use std::collections::HashMap;

/// A country or territory (ISO 3166-1, plus Kosovo as `XK`).
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
    /// Common English name.
    pub name: String,
    /// GeoNames identifier.
    pub geonames_id: Option<String>,
    /// Other names ("BiH", "Republic of Moldova").
    pub variants: Vec<String>,
    /// Adjectives and demonyms ("Austrian").
    pub demonyms: Vec<String>,
}

/// A city, with the country it is in.
#[derive(Debug, Clone)]
pub struct City {
    /// GeoNames identifier, which also names the place's IRI.
    pub geonames_id: String,
    /// English name.
    pub name: String,
    /// Other names ("Kiev").
    pub variants: Vec<String>,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: String,
}

/// An organisation or a body inside one.
#[derive(Debug, Clone)]
pub struct Organisation {
    /// Slug naming the IRI `ssgrid:org/<id>`.
    pub id: String,
    /// Canonical English name.
    pub label: String,
    /// Acronyms ("ODIHR").
    pub acronyms: Vec<String>,
    /// Other names.
    pub variants: Vec<String>,
    /// The id of the organisation this one is a unit of.
    pub parent: Option<String>,
    /// Wikidata identifier, only where the file names its source.
    pub wikidata: Option<String>,
    /// ISO code of the country of a national body.
    pub country: Option<String>,
}

/// A field operation of an international organisation.
#[derive(Debug, Clone)]
pub struct FieldOperation {
    /// Slug naming the IRI `ssgrid:mission/<id>`.
    pub id: String,
    /// Canonical English name.
    pub label: String,
    /// Other names, former names included.
    pub variants: Vec<String>,
    /// The id of the organisation it belongs to.
    pub org: String,
    /// ISO code of the host country.
    pub country: String,
    /// The city it is seated in.
    pub seat: Option<String>,
}

/// All reference data, with look-ups by code and id.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// Countries, sorted by ISO code.
    pub countries: Vec<Country>,
    /// Cities.
    pub cities: Vec<City>,
    /// Organisations and their units.
    pub organisations: Vec<Organisation>,
    /// Field operations.
    pub field_operations: Vec<FieldOperation>,
    /// Wikidata ids of countries by ISO code, each with its source's IRI (`wikidata.tsv`).
    pub country_wikidata: HashMap<String, (String, String)>,
    country_by_iso: HashMap<String, usize>,
    org_by_id: HashMap<String, usize>,
}

const COUNTRIES: &str = include_str!("../../../ontology/reference/countries.tsv");
const CITIES: &str = include_str!("../../../ontology/reference/cities.tsv");
const ORGANISATIONS: &str = include_str!("../../../ontology/reference/organisations.tsv");
const FIELD_OPERATIONS: &str = include_str!("../../../ontology/reference/field_operations.tsv");
const WIKIDATA: &str = include_str!("../../../ontology/reference/wikidata.tsv");

impl Reference {
    /// The reference data shipped with ssgr, embedded at compile time.
    pub fn builtin() -> Result<Self, ReferenceError> {
        let mut reference = Self::from_tsv(COUNTRIES, CITIES, ORGANISATIONS, FIELD_OPERATIONS)?;
        let wikidata = Table::parse("wikidata.tsv", WIKIDATA)?;
        let countries = wikidata.rows().filter(|r| r.get("kind") == "country");
        reference.country_wikidata =
            countries.filter_map(|r| Some((r.get("key"), (r.opt("wikidata")?, r.get("source"))))).collect();
        Ok(reference)
    }

    /// Reads reference data from the text of the four TSV files.
    pub fn from_tsv(
        countries: &str,
        cities: &str,
        organisations: &str,
        field_operations: &str,
    ) -> Result<Self, ReferenceError> {
        let countries = Table::parse("countries.tsv", countries)?
            .rows()
            .map(|r| Country {
                iso2: r.get("iso2"),
                iso3: r.get("iso3"),
                name: r.get("name"),
                geonames_id: r.opt("geonames_id"),
                variants: r.list("variants"),
                demonyms: r.list("demonyms"),
            })
            .collect::<Vec<_>>();
        let cities = Table::parse("cities.tsv", cities)?
            .rows()
            .map(|r| City {
                geonames_id: r.get("geonames_id"),
                name: r.get("name"),
                variants: r.list("variants"),
                country: r.get("country"),
            })
            .collect();
        let organisations = Table::parse("organisations.tsv", organisations)?
            .rows()
            .map(|r| Organisation {
                id: r.get("id"),
                label: r.get("label"),
                acronyms: r.list("acronyms"),
                variants: r.list("variants"),
                parent: r.opt("parent"),
                wikidata: r.opt("wikidata"),
                country: r.opt("country"),
            })
            .collect::<Vec<_>>();
        let field_operations = Table::parse("field_operations.tsv", field_operations)?
            .rows()
            .map(|r| FieldOperation {
                id: r.get("id"),
                label: r.get("label"),
                variants: r.list("variants"),
                org: r.get("org"),
                country: r.get("country"),
                seat: r.opt("seat"),
            })
            .collect();
        let country_by_iso = countries.iter().enumerate().map(|(i, c)| (c.iso2.clone(), i)).collect();
        let org_by_id = organisations.iter().enumerate().map(|(i, o)| (o.id.clone(), i)).collect();
        Ok(Self {
            countries,
            cities,
            organisations,
            field_operations,
            country_wikidata: HashMap::new(),
            country_by_iso,
            org_by_id,
        })
    }

    /// The country with this ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_by_iso.get(iso2).map(|&i| &self.countries[i])
    }

    /// The organisation with this id.
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.org_by_id.get(id).map(|&i| &self.organisations[i])
    }
}

/// A syntax error in a reference data file.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ReferenceError {
    /// The file's name.
    pub file: &'static str,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A parsed TSV file: `#` lines are comments, the first other line names the columns.
struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// One TSV row, by column name.
struct Row<'t> {
    headers: &'t [String],
    values: &'t [String],
}

impl Row<'_> {
    fn get(&self, column: &str) -> String {
        self.opt(column).unwrap_or_default()
    }

    fn opt(&self, column: &str) -> Option<String> {
        let i = self.headers.iter().position(|h| h == column)?;
        let value = self.values.get(i)?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.opt(column)
            .map(|v| v.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default()
    }
}

impl Table {
    fn parse(file: &'static str, text: &str) -> Result<Self, ReferenceError> {
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
        let (_, header) =
            lines.next().ok_or_else(|| ReferenceError { file, line: 1, message: "no header row".into() })?;
        let headers: Vec<String> = header.split('\t').map(|h| h.trim().to_owned()).collect();
        let rows = lines
            .map(|(n, line)| {
                let values: Vec<String> = line.split('\t').map(str::to_owned).collect();
                if values.len() > headers.len() {
                    return Err(ReferenceError {
                        file,
                        line: n + 1,
                        message: format!("{} columns where the header has {}", values.len(), headers.len()),
                    });
                }
                Ok(values)
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { headers, rows })
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|values| Row { headers: &self.headers, values })
    }
}
