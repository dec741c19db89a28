/**
 * `index.html` (pure): one self-contained page to browse the schema. The data is embedded as
 * JSON and the script is inline, so the page works from the file system with no server and no
 * network; the whole-schema diagram is the sibling `er.svg`.
 */
import type { DocModel } from './model.js';

/** What the page's script reads: short keys keep the embedded JSON small. */
export interface PageTable {
  id: string;
  name: string;
  slug: string;
  domain: string;
  comment: string | null;
  rls: string;
  partition: string | null;
  columns: { name: string; type: string; nullable: boolean; default: string | null; keys: string; comment: string | null }[];
  out: { fk: string; table: string; definition: string }[];
  in: { fk: string; table: string; definition: string }[];
  indexes: string[];
  policies: { name: string; text: string }[];
  triggers: string[];
}

export function pageData(model: DocModel): { tables: PageTable[]; domains: string[] } {
  const name = (id: string) => {
    const t = model.tables.find((x) => x.id === id);
    return t ? `${t.schema}.${t.name}` : id;
  };
  return {
    domains: model.domains.map((d) => d.name),
    tables: model.tables.map((t) => ({
      id: `${t.schema}.${t.name}`,
      name: `${t.schema}.${t.name}`,
      slug: t.slug,
      domain: t.domain,
      comment: t.comment,
      rls: t.rowSecurity.enabled ? (t.rowSecurity.forced ? 'enabled, forced' : 'enabled') : 'disabled',
      partition: t.partitionKey ? `partitioned by ${t.partitionKey}` : t.partitionOf ? `partition of ${name(t.partitionOf.parent)} ${t.partitionOf.bound}` : null,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, default: c.generated ?? c.default, keys: c.keys.join(', '), comment: c.comment })),
      out: t.outgoing.map((r) => ({ fk: r.name, table: name(r.to), definition: r.definition })),
      in: t.incoming.map((r) => ({ fk: r.name, table: name(r.from), definition: r.definition })),
      indexes: t.indexes.map((i) => i.definition),
      policies: t.policies.map((p) => ({
        name: p.name,
        text: `${p.permissive ? 'permissive' : 'restrictive'} ${p.command} for ${p.roles.join(', ')}${p.using ? ` USING ${p.using}` : ''}${p.check ? ` WITH CHECK ${p.check}` : ''}`,
      })),
      triggers: t.triggers.map((g) => g.definition),
    })),
  };
}

/** JSON that is safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;display:flex;height:100vh}
nav{width:340px;border-right:1px solid #d0d7de;display:flex;flex-direction:column;background:#f6f8fa}
nav header{padding:12px;border-bottom:1px solid #d0d7de}nav h1{font-size:16px;margin:0 0 8px}
#search{width:100%;padding:6px 8px;font:inherit;border:1px solid #d0d7de;border-radius:6px}
#results{overflow:auto;flex:1;padding:6px 0;margin:0;list-style:none}#results li a{display:block;padding:3px 12px;color:inherit;text-decoration:none}
#results li a:hover{background:#eaeef2}#results .domain{padding:8px 12px 2px;font-weight:600;color:#57606a;text-transform:uppercase;font-size:11px}
#results small{color:#57606a}main{flex:1;overflow:auto;padding:16px 24px}table{border-collapse:collapse;margin:8px 0 16px}
td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}code{font:12px ui-monospace,monospace}
tr.hit{background:#fff8c5}.muted{color:#57606a}#er img{max-width:100%;border:1px solid #d0d7de;cursor:zoom-in}#er img.full{max-width:none;cursor:zoom-out}#er{overflow:auto}a{color:#0969da}`;

/** The page script: hash routes `#table=<schema.table>[&column=<name>]` and `#er`, search over tables and columns. */
const SCRIPT = `
const data = JSON.parse(document.getElementById('schema-data').textContent);
const byId = new Map(data.tables.map((t) => [t.id, t]));
const $ = (id) => document.getElementById(id);
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
  return e;
}
const link = (table, column, text, cls) => el('a', { href: '#table=' + encodeURIComponent(table) + (column ? '&column=' + encodeURIComponent(column) : ''), class: cls }, text || table);
function results(q) {
  const ul = $('results');
  ul.replaceChildren();
  q = q.trim().toLowerCase();
  if (!q) {
    for (const d of data.domains) {
      ul.append(el('li', { class: 'domain' }, d));
      for (const t of data.tables.filter((t) => t.domain === d)) ul.append(el('li', {}, link(t.id, null, t.name, 'result')));
    }
    return;
  }
  for (const t of data.tables) {
    if (t.name.toLowerCase().includes(q) || (t.comment || '').toLowerCase().includes(q)) ul.append(el('li', {}, link(t.id, null, t.name, 'result')));
    for (const c of t.columns) {
      if (c.name.toLowerCase().includes(q)) {
        const a = link(t.id, c.name, t.name + '.' + c.name + ' ', 'result');
        a.append(el('small', {}, c.type));
        ul.append(el('li', {}, a));
      }
    }
  }
  if (!ul.children.length) ul.append(el('li', { class: 'muted' }, 'nothing matches'));
}
function section(title, rows) { return rows.length ? [el('h3', {}, title), ...rows] : []; }
function show(id, column) {
  const t = byId.get(id);
  const main = $('detail');
  main.replaceChildren();
  if (!t) { main.append(el('p', {}, 'Pick a table on the left, or open the ', el('a', { href: '#er' }, 'ER diagram'), '.')); return; }
  main.append(el('h2', { id: 'detail-title' }, t.name), el('p', { class: 'muted' }, 'domain ' + t.domain + ' · row-level security ' + t.rls + (t.partition ? ' · ' + t.partition : '') + ' · ', el('a', { href: t.slug + '.md' }, 'Markdown page')));
  if (t.comment) main.append(el('p', {}, t.comment));
  const cols = el('table', { id: 'columns' }, el('tr', {}, ...['column', 'type', 'nullable', 'default', 'keys', 'comment'].map((h) => el('th', {}, h))));
  for (const c of t.columns) cols.append(el('tr', { class: c.name === column ? 'hit' : null, 'data-column': c.name }, el('td', {}, el('code', {}, c.name)), el('td', {}, el('code', {}, c.type)), el('td', {}, c.nullable ? 'yes' : 'no'), el('td', {}, el('code', {}, c.default || '')), el('td', {}, c.keys), el('td', {}, c.comment || '')));
  main.append(cols);
  const rel = (r, other) => el('li', {}, link(other, null, other, 'relation'), ' ', el('code', {}, r.fk), ' ', el('span', { class: 'muted' }, r.definition));
  main.append(...section('References', [el('ul', {}, ...t.out.map((r) => rel(r, r.table)))].filter(() => t.out.length)));
  main.append(...section('Referenced by', [el('ul', {}, ...t.in.map((r) => rel(r, r.table)))].filter(() => t.in.length)));
  main.append(...section('Policies', [el('ul', {}, ...t.policies.map((p) => el('li', {}, el('code', {}, p.name), ' ' + p.text)))].filter(() => t.policies.length)));
  main.append(...section('Indexes', [el('ul', {}, ...t.indexes.map((i) => el('li', {}, el('code', {}, i))))].filter(() => t.indexes.length)));
  main.append(...section('Triggers', [el('ul', {}, ...t.triggers.map((i) => el('li', {}, el('code', {}, i))))].filter(() => t.triggers.length)));
  const hit = column && main.querySelector('tr.hit');
  if (hit) hit.scrollIntoView({ block: 'center' });
}
function route() {
  const h = new URLSearchParams(location.hash.slice(1));
  $('er').hidden = !location.hash.startsWith('#er');
  $('detail').hidden = !$('er').hidden;
  if ($('er').hidden) show(h.get('table'), h.get('column'));
}
$('search').addEventListener('input', (e) => results(e.target.value));
window.addEventListener('hashchange', route);
results('');
route();`;

export function renderIndexHtml(model: DocModel): string {
  const data = pageData(model);
  return `<!doctype html>
<!-- Generated by \`strata docs\` from the catalog of the database migrations/ builds. Do not edit: run \`make docs\`. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Schema reference</title>
<style>${STYLE}</style>
</head>
<body>
<nav>
<header><h1>Schema reference</h1><input id="search" type="search" placeholder="Search tables and columns" autocomplete="off" aria-label="Search tables and columns">
<p class="muted">${data.tables.length} tables · <a href="#er">ER diagram</a> · <a href="README.md">README</a> · <a href="migrations.md">migrations</a></p></header>
<ul id="results"></ul>
</nav>
<main>
<section id="detail"></section>
<section id="er" hidden><h2>Whole schema</h2><p class="muted">Tables with their key columns; each line is a foreign key. Click it to zoom; <a href="er.svg">open it alone</a>.</p>
<img id="er-image" src="er.svg" alt="Entity-relationship diagram of the whole schema" onclick="this.classList.toggle('full')" onerror="this.replaceWith(Object.assign(document.createElement('p'),{textContent:'er.svg is missing: it is rendered by strata docs when Chromium is installed.'}))">
</section>
</main>
<script type="application/json" id="schema-data">${scriptJson(data)}</script>
<script>${SCRIPT}
</script>
</body>
</html>
`;
}
