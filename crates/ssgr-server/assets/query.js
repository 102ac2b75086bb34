// The SPARQL editor: examples menu, highlighting, running, the results
// table with labels, downloads, inline errors.

import { highlight } from './sparql.js';
import { compactIri, download, escapeHtml, fetchLabels, pageOf } from './util.js';

/** At most this many rows are drawn; downloads hold them all. */
const SHOWN_ROWS = 2000;

const $ = (id) => document.getElementById(id);

let lastResult = null;
let running = null;

/** Wires the query view; `examples` come from `/assets/examples.json`. */
export function initQuery() {
  const editor = $('query');
  const shade = $('highlight');
  const repaint = () => {
    shade.innerHTML = highlight(editor.value);
    shade.scrollTop = editor.scrollTop;
    shade.scrollLeft = editor.scrollLeft;
  };
  editor.addEventListener('input', repaint);
  editor.addEventListener('scroll', () => {
    shade.scrollTop = editor.scrollTop;
    shade.scrollLeft = editor.scrollLeft;
  });
  editor.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      run();
    } else if ((event.ctrlKey || event.metaKey) && event.key === ']') {
      event.preventDefault();
      editor.setRangeText('  ', editor.selectionStart, editor.selectionStart, 'end');
      repaint();
    }
  });
  $('run').addEventListener('click', run);
  $('download-csv').addEventListener('click', () => lastResult && download('results.csv', 'text/csv', toCsv(lastResult)));
  $('download-json').addEventListener('click', () =>
    lastResult && download('results.json', 'application/sparql-results+json', JSON.stringify(lastResult, null, 2)),
  );
  loadExamples(editor, repaint);
  repaint();
}

async function loadExamples(editor, repaint) {
  const menu = $('examples');
  let examples = [];
  try {
    const response = await fetch('/assets/examples.json');
    examples = response.ok ? await response.json() : [];
  } catch {
    examples = [];
  }
  for (const example of examples) {
    const option = document.createElement('option');
    option.value = example.name;
    option.textContent = example.title;
    menu.append(option);
  }
  menu.addEventListener('change', () => {
    const example = examples.find((e) => e.name === menu.value);
    if (!example) return;
    editor.value = example.query;
    repaint();
    editor.focus();
    editor.setSelectionRange(0, 0);
  });
  if (!editor.value && examples.length > 0) {
    editor.value = examples[0].query;
    menu.value = examples[0].name;
    repaint();
  }
}

function setStatus(text) {
  $('query-status').textContent = text;
}

function showError(message) {
  const box = $('query-error');
  box.querySelector('pre').textContent = message.trim();
  box.querySelector('button')?.remove();
  // The parser's message names a line and column: offer to go there.
  const at = /at (\d+):(\d+)/.exec(message);
  if (at) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `Go to line ${at[1]}, column ${at[2]}`;
    button.addEventListener('click', () => goTo(Number(at[1]), Number(at[2])));
    box.append(button);
  }
  box.hidden = false;
}

function goTo(line, column) {
  const editor = $('query');
  const lines = editor.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i += 1) offset += lines[i].length + 1;
  offset = Math.min(editor.value.length, offset + Math.max(0, column - 1));
  editor.focus();
  editor.setSelectionRange(offset, Math.min(editor.value.length, offset + 1));
}

/** Runs the editor's query and shows its answer. */
async function run() {
  const query = $('query').value;
  if (!query.trim()) return;
  running?.abort();
  const controller = new AbortController();
  running = controller;
  $('query-error').hidden = true;
  setStatus('Running…');
  const started = performance.now();
  try {
    const response = await fetch('/sparql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/sparql-query',
        Accept: 'application/sparql-results+json, text/turtle;q=0.9',
      },
      body: query,
      signal: controller.signal,
    });
    const type = response.headers.get('content-type') || '';
    if (!response.ok) {
      setStatus(`Failed (${response.status})`);
      showError(await response.text());
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (type.includes('json')) {
      const result = await response.json();
      lastResult = result;
      await showSolutions(result, controller.signal);
      setStatus(`Done in ${seconds} s`);
    } else {
      lastResult = null;
      showGraph(await response.text());
      setStatus(`Done in ${seconds} s`);
    }
  } catch (error) {
    if (error.name === 'AbortError') return;
    setStatus('Failed');
    showError(String(error.message || error));
  } finally {
    if (running === controller) running = null;
  }
}

function showGraph(text) {
  $('download-csv').disabled = true;
  $('download-json').disabled = true;
  $('results-count').textContent = 'a graph (Turtle)';
  const pre = document.createElement('pre');
  pre.className = 'graph-text';
  pre.textContent = text;
  $('results').replaceChildren(pre);
}

async function showSolutions(result, signal) {
  const box = $('results');
  $('download-json').disabled = false;
  if (typeof result.boolean === 'boolean') {
    $('download-csv').disabled = true;
    $('results-count').textContent = 'ASK';
    box.innerHTML = `<p class="boolean">${result.boolean ? 'true' : 'false'}</p>`;
    return;
  }
  $('download-csv').disabled = false;
  const vars = result.head.vars || [];
  const rows = result.results.bindings;
  const shown = rows.slice(0, SHOWN_ROWS);
  $('results-count').textContent =
    rows.length === 1 ? '1 row' : `${rows.length} rows` + (rows.length > SHOWN_ROWS ? ` (first ${SHOWN_ROWS} shown)` : '');
  let html = '<table class="table"><thead><tr>';
  html += vars.map((v) => `<th scope="col">${escapeHtml(v)}</th>`).join('');
  html += '</tr></thead><tbody>';
  for (const row of shown) {
    html += '<tr>' + vars.map((v) => `<td>${cell(row[v])}</td>`).join('') + '</tr>';
  }
  html += '</tbody></table>';
  box.innerHTML = html;
  const iris = [];
  for (const row of shown) for (const v of vars) if (row[v]?.type === 'uri') iris.push(row[v].value);
  if (iris.length === 0) return;
  try {
    const labels = await fetchLabels(iris, signal);
    for (const link of box.querySelectorAll('a[data-iri]')) {
      const label = labels.get(link.dataset.iri);
      if (label) link.textContent = label;
    }
  } catch (error) {
    if (error.name !== 'AbortError') setStatus('Labels could not be fetched; IRIs are shown');
  }
}

/** One value of a solution as HTML; IRIs link to their entity pages. */
function cell(term) {
  if (!term) return '';
  switch (term.type) {
    case 'uri':
      return `<a href="${escapeHtml(pageOf(term.value))}" data-iri="${escapeHtml(term.value)}" title="${escapeHtml(term.value)}">${escapeHtml(compactIri(term.value))}</a>`;
    case 'bnode':
      return `<span class="bnode">_:${escapeHtml(term.value)}</span>`;
    case 'triple': {
      const t = term.value;
      return `<span class="triple">&lt;&lt; ${cell(t.subject)} ${cell(t.predicate)} ${cell(t.object)} &gt;&gt;</span>`;
    }
    default: {
      const extra = term['xml:lang'] ? `@${term['xml:lang']}` : term.datatype ? compactIri(term.datatype) : '';
      return extra
        ? `<span title="${escapeHtml(extra)}">${escapeHtml(term.value)}</span>`
        : escapeHtml(term.value);
    }
  }
}

/** SPARQL 1.1 CSV results: plain values, quoted where needed, CRLF lines. */
export function toCsv(result) {
  const vars = result.head.vars || [];
  const field = (term) => {
    if (!term) return '';
    const text = term.type === 'bnode' ? `_:${term.value}` : term.type === 'triple' ? '' : term.value;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [vars.join(',')];
  for (const row of result.results.bindings) lines.push(vars.map((v) => field(row[v])).join(','));
  return lines.join('\r\n') + '\r\n';
}
