// Helpers shared by the query and network views.

export { escapeHtml } from './sparql.js';

/** Where the project's own entities live, and where their pages are. */
export const ID_NAMESPACE = 'https://w3id.org/ssgr/id/';

const PREFIXES = [
  ['ssgr', 'https://w3id.org/ssgr/ontology#'],
  ['ssgrid', ID_NAMESPACE],
  ['org', 'http://www.w3.org/ns/org#'],
  ['skos', 'http://www.w3.org/2004/02/skos/core#'],
  ['dcterms', 'http://purl.org/dc/terms/'],
  ['schema', 'https://schema.org/'],
  ['foaf', 'http://xmlns.com/foaf/0.1/'],
  ['prov', 'http://www.w3.org/ns/prov#'],
  ['owl', 'http://www.w3.org/2002/07/owl#'],
  ['rdfs', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['rdf', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['xsd', 'http://www.w3.org/2001/XMLSchema#'],
  ['wd', 'http://www.wikidata.org/entity/'],
];

/** The page of an entity: `/id/...` for the project's IRIs, else `/resource?iri=`. */
export function pageOf(iri) {
  if (iri.startsWith(ID_NAMESPACE)) return '/id/' + iri.slice(ID_NAMESPACE.length);
  return '/resource?iri=' + encodeURIComponent(iri);
}

/** `ssgr:FieldMission` for an IRI under a known prefix, else the IRI. */
export function compactIri(iri) {
  for (const [prefix, ns] of PREFIXES) {
    if (iri.startsWith(ns) && iri.length > ns.length) return `${prefix}:${iri.slice(ns.length)}`;
  }
  return iri;
}

/** The PREFIX lines of the project's prefixes. */
export function prefixLines() {
  return PREFIXES.map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join('\n') + '\n';
}

/** Runs a SELECT and returns the SPARQL JSON bindings; throws with the server's message. */
export async function select(query, signal) {
  const response = await fetch('/sparql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
    body: query,
    signal,
  });
  if (!response.ok) throw new Error(await response.text());
  const json = await response.json();
  return json.results ? json.results.bindings : [];
}

/** Labels (`rdfs:label`, else `skos:prefLabel`) of IRIs, fetched in batches: IRI -> label. */
export async function fetchLabels(iris, signal) {
  const labels = new Map();
  const list = [...new Set(iris)].filter((i) => /^[^<>"{}|^`\\\s]+$/.test(i));
  for (let start = 0; start < list.length; start += 200) {
    const values = list.slice(start, start + 200).map((i) => `<${i}>`).join(' ');
    const query = `${prefixLines()}SELECT ?s (SAMPLE(?l) AS ?label) WHERE {
  VALUES ?s { ${values} }
  OPTIONAL { ?s rdfs:label ?a } OPTIONAL { ?s skos:prefLabel ?b }
  BIND(COALESCE(?a, ?b) AS ?l)
} GROUP BY ?s`;
    for (const row of await select(query, signal)) {
      if (row.s && row.label) labels.set(row.s.value, row.label.value);
    }
  }
  return labels;
}

/** Starts a download of `text` as a file. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
