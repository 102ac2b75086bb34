// The page: two views behind tabs (the SPARQL editor, the network), the
// chosen one kept in the URL's hash so that a link can open either.

import { initNetwork, showNetwork } from './network.js';
import { initQuery } from './query.js';

const TABS = [
  { tab: 'tab-query', view: 'view-query', hash: '#query' },
  { tab: 'tab-network', view: 'view-network', hash: '#network' },
];

function show(index, focusTab) {
  TABS.forEach((t, i) => {
    const tab = document.getElementById(t.tab);
    const selected = i === index;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(t.view).hidden = !selected;
    if (selected && focusTab) tab.focus();
  });
  if (location.hash !== TABS[index].hash) history.replaceState(null, '', TABS[index].hash);
  if (TABS[index].view === 'view-network') showNetwork();
}

function initTabs() {
  TABS.forEach((t, i) => {
    const tab = document.getElementById(t.tab);
    tab.addEventListener('click', () => show(i, false));
    // Arrow keys move between tabs, as in the WAI-ARIA tabs pattern.
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: TABS.length - 1 - i }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      show((i + step + TABS.length) % TABS.length, true);
    });
  });
  const fromHash = () => show(Math.max(0, TABS.findIndex((t) => t.hash === location.hash)), false);
  window.addEventListener('hashchange', fromHash);
  fromHash();
}

initQuery();
initNetwork();
initTabs();
