// The web page of `ssgr serve` in headless Chromium, as a user would use it:
//   node tests/browser/page.mjs <base-url> <artefact-dir>
// Loads `/`, fails on any console error, page error or failed request;
// runs competency question 1 from the examples menu with Ctrl+Enter and
// checks the table against tests/data/cq/; shows a parser error inline;
// downloads CSV; draws the network; clicks the OSCE node with the mouse
// and checks the panel's relations and evidence; finds a node with the
// keyboard. Screenshots go to the artefact dir. Exit 0 on success, 1 on a
// failed check (each printed), 3 when Chromium cannot be started.

import { readFile, mkdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [base, artefacts] = process.argv.slice(2);
if (!base || !artefacts) {
  console.error('usage: node page.mjs <base-url> <artefact-dir>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const CQ = 'cq01-osce-field-missions';
const OSCE = 'https://w3id.org/ssgr/id/org/osce';
const executablePath = process.env.SSGR_CHROMIUM || '/usr/bin/chromium';

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
  return ok;
};
const normalise = (text) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Every name of some IRIs (labels, alternative labels), asked of the server. */
async function namesOf(iris) {
  const values = iris.map((i) => `<${i}>`).join(' ');
  const query = `SELECT ?s ?n WHERE { VALUES ?s { ${values} } VALUES ?p {
    <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#prefLabel>
    <http://www.w3.org/2004/02/skos/core#altLabel> } ?s ?p ?n }`;
  const response = await fetch(`${base}/sparql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
    body: query,
  });
  const names = new Map();
  for (const row of (await response.json()).results.bindings) {
    const list = names.get(row.s.value) || [];
    list.push(normalise(row.n.value));
    names.set(row.s.value, list);
  }
  return names;
}

/** The expected answer of a competency question: mode, header, rows. */
async function expected(name) {
  const text = await readFile(join(here, '..', 'data', 'cq', `${name}.tsv`), 'utf8');
  const mode = /^# mode: (\S+)/m.exec(text)?.[1] || 'at-least';
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  return { mode, header: lines[0].split('\t'), rows: lines.slice(1).map((l) => l.split('\t')) };
}

async function checkQuery(page) {
  const answer = await expected(CQ);
  await page.selectOption('#examples', CQ);
  // The keyboard shortcut, as a user runs a query.
  await page.focus('#query');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('query-status').textContent), null, {
    timeout: 15000,
  });
  const table = await page.$$eval('#results table', ([t]) => {
    if (!t) return null;
    const header = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const rows = [...t.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((td) => {
        const link = td.querySelector('a[data-iri]');
        return { text: td.textContent.trim(), iri: link?.dataset.iri || null, href: link?.getAttribute('href') || null };
      }),
    );
    return { header, rows };
  });
  if (!check(table !== null, 'the results table is missing')) return;
  const iris = table.rows.flatMap((r) => r.filter((c) => c.iri).map((c) => c.iri));
  const names = await namesOf([...new Set(iris)]);
  for (const row of table.rows) {
    for (const cell of row.filter((c) => c.iri)) {
      check(names.get(cell.iri)?.includes(normalise(cell.text)), `the cell for ${cell.iri} shows "${cell.text}", not its label`);
      const page = cell.iri.startsWith('https://w3id.org/ssgr/id/')
        ? '/id/' + cell.iri.slice('https://w3id.org/ssgr/id/'.length)
        : '/resource?iri=' + encodeURIComponent(cell.iri);
      check(cell.href === page, `the cell for ${cell.iri} links to ${cell.href}, not ${page}`);
    }
  }
  const matches = (want, row) =>
    answer.header.every((variable, i) => {
      const cell = row[table.header.indexOf(variable)];
      if (!cell) return false;
      const wanted = normalise(want[i] || '');
      return normalise(cell.text) === wanted || (cell.iri && (names.get(cell.iri) || []).includes(wanted));
    });
  for (const want of answer.rows) {
    check(table.rows.some((row) => matches(want, row)), `${CQ}: no row of the table shows ${want.join(' | ')}`);
  }
  if (answer.mode === 'exactly') {
    check(table.rows.length === answer.rows.length, `${CQ}: ${table.rows.length} rows, expected ${answer.rows.length}`);
  }
  await page.screenshot({ path: join(artefacts, 'query.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = await readFile(await download.path(), 'utf8');
  check(csv.startsWith(table.header.join(',') + '\r\n'), `the CSV download starts with ${JSON.stringify(csv.slice(0, 40))}`);
  check(csv.trim().split('\r\n').length === table.rows.length + 1, 'the CSV download has one line per row');
}

async function checkError(page) {
  await page.fill('#query', 'SELECT ?x WHERE { ?x ?y }');
  await page.click('#run');
  await page.waitForSelector('#query-error:not([hidden])', { timeout: 10000 });
  const message = await page.textContent('#query-error pre');
  check(/line|column|syntax|expected/i.test(message), `the inline error does not give the parser's message: ${message}`);
  // The error's position, from the parser's message, is one click away.
  await page.click('#query-error button');
  const caret = await page.evaluate(() => document.activeElement.id === 'query' && document.activeElement.selectionStart);
  check(caret === 25, `"Go to" puts the caret at ${caret}, not at the error (offset 25)`);
  await page.screenshot({ path: join(artefacts, 'query-error.png') });
}

async function checkNetwork(page) {
  const started = Date.now();
  await page.click('#tab-network');
  await page.waitForFunction(() => window.ssgrNetwork && window.ssgrNetwork.nodes().length > 0, null, { timeout: 20000 });
  await page.waitForFunction(() => document.getElementById('network-status').hidden, null, { timeout: 20000 });
  const drawn = Date.now() - started;
  console.log(`network drawn in ${drawn} ms`);
  const counts = await page.evaluate(() => ({
    nodes: window.ssgrNetwork.nodes(':visible').length,
    edges: window.ssgrNetwork.edges(':visible').length,
  }));
  console.log(`network: ${counts.nodes} nodes, ${counts.edges} edges`);
  check(counts.nodes > 10 && counts.edges > 10, `the network shows ${counts.nodes} nodes and ${counts.edges} edges`);
  // Let the renderer paint, then look at the canvas pixels.
  await page.waitForTimeout(300);
  const inked = await page.evaluate(() => {
    let count = 0;
    for (const canvas of document.querySelectorAll('#graph canvas')) {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) count += 1;
      }
    }
    return count;
  });
  check(inked > 2000, `the network canvas is blank (${inked} coloured pixels)`);

  const target = await page.evaluate((iri) => {
    const cy = window.ssgrNetwork;
    const node = cy.getElementById(iri);
    if (node.empty()) return null;
    const box = document.getElementById('graph').getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y, label: node.data('label') };
  }, OSCE);
  if (!check(target !== null, 'the OSCE node is not in the network')) return;
  await page.mouse.click(target.x, target.y);
  await page.waitForSelector('#panel:not([hidden])', { timeout: 5000 });
  const title = await page.textContent('#panel-title');
  check(title === target.label, `the panel is titled "${title}", not "${target.label}"`);
  const loaded = await page
    .waitForSelector('#panel-relations li', { timeout: 10000 })
    .then(() => true)
    .catch(() => false);
  if (check(loaded, `the panel shows no relations: ${await page.textContent('#panel-body')}`)) {
    const relations = await page.$$eval('#panel-relations li', (items) => items.length);
    const evidence = await page.$$eval('#panel-evidence li', (items) =>
      items.map((li) => ({ sentence: li.querySelector('blockquote')?.textContent || '', document: li.querySelector('.cite a')?.textContent || '' })),
    );
    console.log(`panel: ${relations} relations, ${evidence.length} evidence sentences`);
    check(evidence.some((e) => e.sentence.length > 20 && e.document), 'the panel shows no evidence sentence with its document');
    check(await page.isVisible('#panel-body a[href^="/id/"]'), 'the panel has no link to the entity page');
  }
  await page.screenshot({ path: join(artefacts, 'network.png') });
  await page.locator('#panel-evidence').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artefacts, 'network-evidence.png') });

  // Keyboard: Escape closes the panel; Find + Enter opens one.
  await page.keyboard.press('Escape');
  check(await page.isHidden('#panel'), 'Escape does not close the panel');
  await page.fill('#search', 'DCAF');
  await page.focus('#search');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel:not([hidden])', { timeout: 5000 });
  check(/DCAF/.test(await page.textContent('#panel-title')), 'Find + Enter does not open the DCAF panel');

  await page.selectOption('#colour-by', 'community');
  await page.selectOption('#filter-class', 'Organisation');
  // Instances of subclasses (field missions are organisations) stay too.
  const kept = await page.evaluate(() =>
    window.ssgrNetwork.nodes().filter((n) => !n.hasClass('hidden')).map((n) => n.data('classes')),
  );
  check(
    kept.length > 0 && kept.every((classes) => classes.includes('Organisation')),
    `the class filter keeps ${kept.map((c) => c.join('/')).join(', ')}`,
  );
  await page.screenshot({ path: join(artefacts, 'network-filtered.png') });
}

async function main() {
  await mkdir(artefacts, { recursive: true });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
      ],
    });
  } catch (error) {
    console.error(`Chromium (${executablePath}) cannot be started: ${error.message}`);
    process.exit(3);
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => failures.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    // The bad query's 400 is the test's own doing; anything else is a fault.
    if (response.status() >= 400 && !(response.status() === 400 && response.url().endsWith('/sparql'))) {
      failures.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  try {
    const response = await page.goto(base + '/', { waitUntil: 'load' });
    check(response.ok() && (response.headers()['content-type'] || '').startsWith('text/html'), 'GET / is not the page');
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    console.log(`first contentful paint: ${paint === null ? 'n/a' : paint.toFixed(0) + ' ms'}`);
    check(paint !== null && paint < 1000, `first contentful paint took ${paint} ms`);
    await checkQuery(page);
    await checkNetwork(page);
    await page.click('#tab-query');
    await checkError(page);
  } catch (error) {
    failures.push(`stopped: ${error.stack || error}`);
    await page.screenshot({ path: join(artefacts, 'failure.png') }).catch(() => {});
  } finally {
    await browser.close();
  }
  // The 400 of the bad query is logged by Chromium as a console error for
  // the failed resource; that one is expected.
  const real = failures.filter((f) => !/console error: Failed to load resource: the server responded with a status of 400/.test(f));
  for (const failure of real) console.error(`FAILED: ${failure}`);
  process.exit(real.length === 0 ? 0 : 1);
}

main();
