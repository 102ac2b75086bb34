// The network view: a projection from `/api/network` drawn by Cytoscape.js
// (force-directed `cose` layout), node size by centrality, colour by class
// or community, filters, search, zoom and pan; a click opens the panel.

import { openPanel, closePanel } from './panel.js';

const $ = (id) => document.getElementById(id);

/** Colours by class (Okabe–Ito first: distinguishable with colour-blindness). */
const CLASS_COLOURS = {
  Organisation: '#0072B2',
  OrganisationalUnit: '#56B4E9',
  FieldMission: '#009E73',
  Person: '#CC79A7',
  Topic: '#E69F00',
  Country: '#D55E00',
  Place: '#B8A400',
  Publication: '#7F7F7F',
  Engagement: '#7B61FF',
  Vacancy: '#8C564B',
  Actor: '#264D73',
};
const OTHER_COLOUR = '#555555';
const COMMUNITY_COLOURS = [
  '#1F77B4', '#FF7F0E', '#2CA02C', '#D62728', '#9467BD', '#8C564B',
  '#E377C2', '#7F7F7F', '#BCBD22', '#17BECF', '#393B79', '#AD494A',
];

let cy = null;
let data = null;
let loaded = null;

/** Loads and draws the network the first time the view is shown. */
export function showNetwork() {
  if (!loaded) loaded = load();
  return loaded;
}

/** Wires the controls once. */
export function initNetwork() {
  $('projection').addEventListener('change', () => {
    closePanel();
    loaded = load();
  });
  $('colour-by').addEventListener('change', recolour);
  for (const id of ['filter-class', 'filter-topic', 'filter-country', 'filter-community']) {
    $(id).addEventListener('change', applyFilters);
  }
  $('search').addEventListener('input', () => search(false));
  $('search').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      search(true);
    }
  });
  $('network-controls').addEventListener('submit', (event) => event.preventDefault());
  // The panel opening or the window changing size changes the drawing area.
  new ResizeObserver(() => cy?.resize()).observe($('graph'));
  $('zoom-in').addEventListener('click', () => zoomBy(1.25));
  $('zoom-out').addEventListener('click', () => zoomBy(0.8));
  $('fit').addEventListener('click', () => cy && cy.fit(cy.elements(':visible'), 30));
  $('panel-close').addEventListener('click', () => {
    closePanel();
    cy?.nodes().unselect();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('panel').hidden) {
      closePanel();
      cy?.nodes().unselect();
    }
  });
}

function status(text) {
  const box = $('network-status');
  box.textContent = text;
  box.hidden = !text;
}

async function load() {
  status('Loading the network…');
  try {
    const response = await fetch(`/api/network?projection=${$('projection').value}`);
    if (!response.ok) throw new Error(await response.text());
    data = await response.json();
  } catch (error) {
    status(`The network could not be loaded: ${error.message || error}`);
    return;
  }
  fillFilters();
  draw();
  status(data.nodes.length === 0 ? 'This view has no nodes.' : '');
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

function fillFilters() {
  const fill = (id, items) => {
    const select = $(id);
    const previous = select.value;
    select.replaceChildren(option('', 'All'), ...items.map(([v, t]) => option(v, t)));
    select.value = items.some(([v]) => v === previous) ? previous : '';
  };
  fill('filter-class', data.facets.classes.map((f) => [f.id, `${f.label} (${f.count})`]));
  fill('filter-topic', data.facets.topics.map((f) => [f.id, `${f.label} (${f.count})`]));
  fill('filter-country', data.facets.countries.map((f) => [f.id, `${f.label} (${f.count})`]));
  const members = new Map();
  for (const node of data.nodes) {
    const list = members.get(node.community) || [];
    list.push(node);
    members.set(node.community, list);
  }
  const communities = [...members.entries()].sort((a, b) => a[0] - b[0]).map(([c, nodes]) => {
    const top = nodes.reduce((a, b) => (b.centrality > a.centrality ? b : a));
    return [String(c), `${c + 1}: ${top.label} (${nodes.length})`];
  });
  fill('filter-community', communities);
  $('node-names').replaceChildren(...[...new Set(data.nodes.map((n) => n.label))].sort().map((l) => option(l, '')));
}

/** A fixed pseudo-random start, so that the layout is the same on every load. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw() {
  const max = Math.max(...data.nodes.map((n) => n.centrality), 1e-9);
  const maxWeight = Math.max(...data.edges.map((e) => e.weight), 1);
  const random = seeded(7);
  const spread = 40 * Math.sqrt(data.nodes.length + 1);
  const elements = [
    ...data.nodes.map((n) => ({
      group: 'nodes',
      data: { ...n, size: 14 + 46 * Math.sqrt(n.centrality / max), colour: colourOf(n, false) },
      position: { x: random() * spread, y: random() * spread },
    })),
    ...data.edges.map((e, i) => ({
      group: 'edges',
      data: { id: `e${i}`, source: e.source, target: e.target, relation: e.relation, weight: e.weight },
    })),
  ];
  cy?.destroy();
  cy = cytoscape({
    container: $('graph'),
    elements,
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      {
        selector: 'node',
        style: {
          width: 'data(size)',
          height: 'data(size)',
          'background-color': 'data(colour)',
          label: 'data(label)',
          'font-size': 11,
          'font-family': 'system-ui, sans-serif',
          color: '#1d2330',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': '120px',
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
          'min-zoomed-font-size': 7,
          'border-width': 1,
          'border-color': '#ffffff',
        },
      },
      {
        selector: 'edge',
        style: {
          width: `mapData(weight, 1, ${Math.max(maxWeight, 2)}, 1, 5)`,
          'line-color': '#b4bccb',
          'curve-style': 'haystack',
          opacity: 0.8,
        },
      },
      { selector: '.hidden', style: { display: 'none' } },
      { selector: '.faded', style: { opacity: 0.3 } },
      { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#111111' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111111', 'font-weight': 'bold' } },
      { selector: 'edge.near', style: { 'line-color': '#4a5568', opacity: 1 } },
    ],
    layout: {
      name: 'cose',
      animate: false,
      randomize: false,
      nodeDimensionsIncludeLabels: false,
      nodeRepulsion: () => 30000,
      idealEdgeLength: () => 50,
      nodeOverlap: 12,
      gravity: 1.2,
      componentSpacing: 40,
      numIter: 1500,
      padding: 30,
    },
  });
  // Exposed for the browser test and for the curious at the console.
  window.ssgrNetwork = cy;
  cy.on('tap', 'node', (event) => select(event.target));
  cy.on('tap', (event) => {
    if (event.target === cy) clearNear();
  });
  recolour();
  applyFilters();
}

function colourOf(node, byCommunity) {
  return byCommunity
    ? COMMUNITY_COLOURS[node.community % COMMUNITY_COLOURS.length]
    : CLASS_COLOURS[node.class] || OTHER_COLOUR;
}

function recolour() {
  if (!cy) return;
  const byCommunity = $('colour-by').value === 'community';
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      node.data('colour', colourOf(node.data(), byCommunity));
    });
  });
  legend(byCommunity);
}

function legend(byCommunity) {
  const box = $('legend');
  const entries = byCommunity
    ? [...$('filter-community').options].slice(1, 13).map((o) => [COMMUNITY_COLOURS[Number(o.value) % COMMUNITY_COLOURS.length], o.textContent])
    : data.facets.classes.map((f) => [CLASS_COLOURS[f.id] || OTHER_COLOUR, f.label]);
  box.replaceChildren(
    ...entries.map(([colour, text]) => {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colour;
      item.append(swatch, text);
      return item;
    }),
  );
}

/** Keeps the nodes that match every filter, and the topics and countries next to them. */
function applyFilters() {
  if (!cy) return;
  const cls = $('filter-class').value;
  const topic = $('filter-topic').value;
  const country = $('filter-country').value;
  const community = $('filter-community').value;
  const matches = (n) =>
    (!topic || n.data('topics').includes(topic)) &&
    (!country || n.data('countries').includes(country)) &&
    (!community || String(n.data('community')) === community);
  const focus = cy.nodes().filter(matches);
  let shown = focus;
  if (topic || country) {
    shown = focus.union(focus.neighborhood('node').filter((n) => ['Topic', 'Country'].includes(n.data('class'))));
  }
  if (cls) shown = shown.filter((n) => n.data('classes').includes(cls) || n.data('class') === cls);
  cy.batch(() => {
    cy.elements().removeClass('faded near');
    cy.elements().addClass('hidden');
    shown.removeClass('hidden');
    shown.edgesWith(shown).removeClass('hidden');
  });
  const count = shown.length;
  status(count === 0 ? 'No node matches these filters.' : '');
  if (count > 0) cy.fit(shown, 40);
}

function zoomBy(factor) {
  if (!cy) return;
  const level = cy.zoom() * factor;
  cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

function search(open) {
  if (!cy) return;
  const text = $('search').value.trim().toLowerCase();
  cy.nodes().removeClass('match');
  if (!text) return;
  const found = cy.nodes(':visible').filter((n) => n.data('label').toLowerCase().includes(text));
  found.addClass('match');
  if (found.length === 0) {
    status(`No visible node is called “${$('search').value.trim()}”.`);
    return;
  }
  status('');
  const exact = found.filter((n) => n.data('label').toLowerCase() === text);
  const best = (exact.length ? exact : found).max((n) => n.data('centrality')).ele;
  if (open) {
    select(best);
  } else {
    cy.animate({ center: { eles: best }, duration: 200 });
  }
}

function clearNear() {
  cy.elements().removeClass('faded near');
}

function select(node) {
  cy.nodes().unselect();
  node.select();
  clearNear();
  const near = node.closedNeighborhood();
  cy.elements(':visible').difference(near).addClass('faded');
  near.edges().addClass('near');
  cy.animate({ center: { eles: node }, duration: 200 });
  openPanel(node.data());
}
