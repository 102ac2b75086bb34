// The side panel of the network view: an entity's label, class, external
// links, relations and evidence, from `/api/entity?iri=...`.

import { compactIri, escapeHtml, pageOf } from './util.js';

const $ = (id) => document.getElementById(id);

/** Relations and evidence shown before "show all". */
const FIRST = 8;

let current = null;

/** Hides the panel. */
export function closePanel() {
  current?.abort();
  current = null;
  $('panel').hidden = true;
}

/** Opens the panel on a node of the network (its data: id, label, class). */
export async function openPanel(node) {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const panel = $('panel');
  panel.hidden = false;
  $('panel-title').textContent = node.label || node.id;
  const body = $('panel-body');
  body.innerHTML = `${summary(node.class, [])}<p class="muted" role="status">Loading…</p>`;
  let entity = null;
  let problem = '';
  try {
    const response = await fetch(`/api/entity?iri=${encodeURIComponent(node.id)}`, {
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    });
    if (response.ok) entity = await response.json();
    else problem = response.status === 404 ? 'No details are available for this entity.' : await response.text();
  } catch (error) {
    if (error.name === 'AbortError') return;
    problem = 'The details could not be fetched.';
  }
  if (current !== controller) return;
  body.innerHTML = entity ? details(entity, node) : `${summary(node.class, [])}${pageLink(node.id)}<p class="muted">${escapeHtml(problem)}</p>`;
  for (const button of body.querySelectorAll('button.more')) {
    button.addEventListener('click', () => {
      const list = button.previousElementSibling;
      list.querySelectorAll('li[hidden]').forEach((li) => (li.hidden = false));
      button.remove();
    });
  }
  $('panel-close').focus({ preventScroll: true });
}

function summary(cls, classes) {
  const names = classes.length ? classes.map((c) => c.label || compactIri(c.iri)) : [cls].filter(Boolean);
  return names.length ? `<p class="classes">${names.map((n) => `<span class="chip">${escapeHtml(n)}</span>`).join(' ')}</p>` : '';
}

function pageLink(iri) {
  return `<p><a href="${escapeHtml(pageOf(iri))}">Open the entity page</a> · <span class="iri">${escapeHtml(iri)}</span></p>`;
}

const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const DERIVED_FROM = 'http://www.w3.org/ns/prov#wasDerivedFrom';
const LINK_NAMES = { wikidata: 'Wikidata', geonames: 'GeoNames', other: 'Elsewhere' };

function details(entity, node) {
  let html = summary(node.class, entity.classes || []);
  html += pageLink(entity.iri || node.id);
  const links = entity.links || [];
  if (links.length) {
    html += '<h3>External links</h3><ul class="links">';
    html += links
      // Only http(s) IRIs become links: a javascript: IRI in the data stays text.
      .filter((l) => /^https?:\/\//i.test(l.iri))
      .map((l) => `<li><a href="${escapeHtml(l.iri)}" rel="noopener">${LINK_NAMES[l.kind] || 'Link'}</a> <span class="iri">${escapeHtml(l.iri)}</span></li>`)
      .join('');
    html += '</ul>';
  }
  // The label is the panel's title; the documents an entity was read in
  // get their own list, after the relations between entities.
  const kept = (entity.outgoing || []).filter((r) => r.property !== RDFS_LABEL && r.property !== DERIVED_FROM);
  kept.sort((a, b) => Number(b.isIri) - Number(a.isIri));
  const outgoing = kept.map((r) =>
    `<span class="prop">${escapeHtml(r.propertyLabel || compactIri(r.property))}</span> ${r.isIri ? term(r.value, r.valueLabel) : `<span>${escapeHtml(r.valueLabel || r.value)}</span>`}`,
  );
  const incoming = (entity.incoming || []).map((r) =>
    `${term(r.subject, r.subjectLabel)} <span class="prop">${escapeHtml(r.propertyLabel || compactIri(r.property))}</span> <span class="muted">this</span>`,
  );
  html += `<section id="panel-relations" aria-labelledby="panel-relations-title"><h3 id="panel-relations-title">Relations <span class="muted">(${outgoing.length + incoming.length})</span></h3>`;
  html += outgoing.length + incoming.length ? list([...outgoing, ...incoming], 'relations') : '<p class="muted">None.</p>';
  html += '</section>';
  const sources = (entity.outgoing || []).filter((r) => r.property === DERIVED_FROM && r.isIri);
  if (sources.length) {
    html += `<h3>Read in <span class="muted">(${sources.length})</span></h3>`;
    html += list(sources.map((r) => term(r.value, r.valueLabel)), 'sources');
  }
  const evidence = (entity.evidence || []).map((e) => {
    const doc = e.document ? term(e.document, e.documentLabel) : '<span class="muted">unknown document</span>';
    return `<blockquote>${escapeHtml(e.sentence || '')}</blockquote><p class="cite"><span class="prop">${escapeHtml(e.propertyLabel || compactIri(e.property || ''))}</span> ${escapeHtml(e.valueLabel || e.value || '')} — ${doc}</p>`;
  });
  html += `<section id="panel-evidence" aria-labelledby="panel-evidence-title"><h3 id="panel-evidence-title">Evidence <span class="muted">(${evidence.length})</span></h3>`;
  html += evidence.length ? list(evidence, 'evidence') : '<p class="muted">No sentence states a fact about it.</p>';
  html += '</section>';
  return html;
}

function term(iri, label) {
  return `<a href="${escapeHtml(pageOf(iri))}" title="${escapeHtml(iri)}">${escapeHtml(label || compactIri(iri))}</a>`;
}

function list(items, kind) {
  const rows = items.map((item, i) => `<li${i >= FIRST ? ' hidden' : ''}>${item}</li>`).join('');
  const more = items.length > FIRST ? `<button type="button" class="more">Show all ${items.length}</button>` : '';
  return `<ul class="${kind}">${rows}</ul>${more}`;
}
