// The investor map: filters, counts, list and map follow one state, which
// lives in the URL (state.js) so a copied link restores the same view.
import { STRINGS, formatNumber } from './i18n.js';
import { camera, createMap, effectiveLayer, fitToFeature, highlight, renderLegend, styleUrl } from './map.js';
import { filterQuery, readState, stateQuery } from './state.js';
import { filterNames, labelOf, loadVocabularies, withUnit } from './vocabulary.js';

const $ = (id) => document.getElementById(id);
const form = $('filters');
let map = null;
let industries = [];
const latest = { list: 0, stats: 0 };  // answers to superseded requests are dropped

// The domain's words in both languages; without them the page cannot name
// its filters, so it says so and stops.
const vocabularies = await loadVocabularies().catch((error) => {
  showNotice(`数据载入失败 Could not load: ${error.message}`);
  throw error;
});
const state = readState(location.search, filterNames(vocabularies.zh));

const words = () => STRINGS[state.lang];
const vocabulary = () => vocabularies[state.lang];

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

function showNotice(text) {
  $('notice').hidden = !text;
  $('notice').textContent = text ?? '';
}

// ---- words on the page ------------------------------------------------------
function applyLanguage() {
  const w = words();
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  document.title = `${w.title} · ${STRINGS[state.lang === 'en' ? 'zh' : 'en'].title}`;
  for (const element of document.querySelectorAll('[data-text]')) {
    const text = w[element.dataset.text];
    if (typeof text === 'string') element.textContent = text;
  }
  const v = vocabulary();
  for (const element of document.querySelectorAll('[data-filter]')) {
    element.textContent = withUnit(v.filters.find((filter) => filter.name === element.dataset.filter), state.lang);
  }
  for (const element of document.querySelectorAll('[data-kind]')) element.textContent = labelOf(v, 'kinds', element.dataset.kind);
  for (const element of document.querySelectorAll('[data-status]')) element.textContent = labelOf(v, 'statuses', element.dataset.status);
  $('language').textContent = w.language;
  $('language').lang = state.lang === 'en' ? 'zh' : 'en';
  $('language').setAttribute('aria-label', w.languageLabel);
  $('f-q').placeholder = v.filters.find((filter) => filter.name === 'q').label;
  fillIndustries();
}

function fillIndustries() {
  const select = $('f-industry');
  const chosen = state.filters.industry ?? '';
  select.replaceChildren(new Option(words().anyIndustry, ''), ...industries.map((i) => new Option(state.lang === 'en' ? i.name_en : i.name_zh, i.id)));
  select.value = chosen;
}

// A checkbox for each public status and each kind: the vocabulary's, not a copy.
function addChoices() {
  const choice = (name, code, dataKey) => {
    const label = document.createElement('label');
    label.className = 'inline';
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name, value: code });
    const text = document.createElement('span');
    text.dataset[dataKey] = code;
    label.append(box, ' ', text);
    return label;
  };
  const v = vocabularies.zh;
  $('f-status').append(...v.statuses.filter((status) => status.public).map((status) => choice('status', status.code, 'status')));
  $('f-kind').append(...v.kinds.map((kind) => choice('kind', kind.code, 'kind')));
}

// ---- state ↔ form -----------------------------------------------------------
const squareMetresPerMu = () => vocabulary().mu.square_metres;
const areaFactor = () => ($('f-area-unit').value === 'mu' ? squareMetresPerMu() : 1);

function formToFilters() {
  const data = new FormData(form);
  const filters = {};
  for (const name of ['industry', 'rent_max', 'power_min', 'park', 'available_by', 'q']) {
    const value = String(data.get(name) ?? '').trim();
    if (value) filters[name] = value;
  }
  if (filters.industry && Number(data.get('min_fit')) > 0) filters.min_fit = String(data.get('min_fit'));
  for (const name of ['status', 'kind']) {
    const values = data.getAll(name);
    if (values.length) filters[name] = values.join(',');
  }
  for (const name of ['area_min', 'area_max']) {
    const value = String(data.get(name) ?? '').trim();
    if (value !== '' && Number(value) >= 0) filters[name] = String(Math.round(Number(value) * areaFactor()));
  }
  return filters;
}

function filtersToForm() {
  const f = state.filters;
  $('f-industry').value = f.industry ?? '';
  $('f-min-fit').value = f.min_fit ?? 0;
  $('f-min-fit').disabled = !f.industry;
  $('min-fit-value').textContent = f.min_fit ?? 0;
  for (const box of form.querySelectorAll('input[name=status], input[name=kind]')) {
    box.checked = (f[box.name] ?? '').split(',').includes(box.value);
  }
  $('f-area-min').value = f.area_min ? Math.round(Number(f.area_min) / areaFactor()) : '';
  $('f-area-max').value = f.area_max ? Math.round(Number(f.area_max) / areaFactor()) : '';
  for (const name of ['rent_max', 'power_min', 'available_by', 'q']) form.elements[name].value = f[name] ?? '';
  $('f-park').value = f.park ?? '';
  $('sort').value = state.sort;
}

function saveUrl() {
  history.replaceState(null, '', `?${stateQuery(state, camera(map))}`);
}

// ---- what the filters match ---------------------------------------------------
async function refreshStats() {
  const ticket = ++latest.stats;
  try {
    const stats = await getJson(`api/stats?${filterQuery(state)}`);
    if (ticket !== latest.stats) return;
    const { count, area_m2: m2 } = stats.total;
    $('summary').textContent = words().matches(formatNumber(count, state.lang), formatNumber(m2, state.lang),
      formatNumber(m2 / squareMetresPerMu(), state.lang, 1), vocabulary().mu.label);
    showNotice(null);
  } catch (error) {
    if (ticket === latest.stats) showNotice(words().error + error.message);
  }
}

function boundsQuery() {
  if (!map || !$('in-view').checked) return '';
  const b = map.getBounds();
  const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v));
  return `&bbox=${[clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].map((v) => v.toFixed(6)).join(',')}`;
}

async function refreshList() {
  const ticket = ++latest.list;
  const sortby = state.sort === 'fit' && state.filters.industry ? '-fit' : '-area_m2';
  const query = filterQuery(state);
  try {
    const page = await getJson(`api/collections/parcels/items?limit=50&sortby=${sortby}${query ? `&${query}` : ''}${boundsQuery()}`);
    if (ticket !== latest.list) return;
    renderList(page.features);
  } catch (error) {
    if (ticket === latest.list) showNotice(words().error + error.message);
  }
}

function area(p) {
  const m2 = p.area_m2 ?? p.floor_area_m2;
  return m2 ? `${formatNumber(m2, state.lang)} m² · ${formatNumber(m2 / squareMetresPerMu(), state.lang, 1)} ${vocabulary().mu.label}` : '';
}

function renderList(features) {
  $('results-empty').hidden = features.length > 0;
  $('results').replaceChildren(...features.map((feature) => {
    const p = feature.properties;
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.code = feature.id;
    button.setAttribute('aria-current', String(feature.id === state.selected));
    const fit = p.fit !== undefined ? `<span class="fit" style="--fit:${p.fit}">${p.fit}</span>` : '';
    button.innerHTML = `${fit}<strong></strong><span class="meta"></span>`;
    button.querySelector('strong').textContent = p.name ?? feature.id;
    button.querySelector('.meta').textContent = `${feature.id} · ${labelOf(vocabulary(), 'kinds', p.kind)} · ${area(p)}${p.park ? ` · ${p.park}` : ''}`;
    button.addEventListener('click', () => select(feature.id, { fly: true }));
    item.append(button);
    return item;
  }));
}

// ---- the parcel panel -----------------------------------------------------------
function row(label, value) {
  if (value === null || value === undefined || value === '') return '';
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  return [dt, dd];
}

// Fields the panel shows elsewhere: the name is its title, the video a link.
const NOT_IN_ROWS = new Set(['name', 'video_url']);

// One field's value as the panel shows it: codes by their labels, numbers
// with their units, the area also in 亩.
function fieldText(field, p) {
  if (field.name === 'area_m2') return area(p);  // the floor area when there is no land area
  const value = p[field.name];
  if (value === null || value === undefined || value === '') return null;
  const v = vocabulary();
  if (field.name === 'status') return labelOf(v, 'statuses', value);
  if (field.name === 'kind') return labelOf(v, 'kinds', value);
  if (field.name === 'land_use') return value === labelOf(v, 'land_uses', value) ? value : `${value} ${labelOf(v, 'land_uses', value)}`;
  if (field.name === 'floor_area_m2' && !p.area_m2) return null;  // area() showed it
  if (field.type === 'number') return `${formatNumber(value, state.lang, 2)}${field.unit ? ` ${field.unit}` : ''}`;
  return String(value);
}

function panelRows(p) {
  const fields = vocabulary().fields.filter((field) => !field.staff_only && !NOT_IN_ROWS.has(field.name));
  return fields.map((field) => row(field.label, fieldText(field, p))).flat().filter(Boolean);
}

function fitSection(p) {
  if (p.fit === undefined) return [];
  const box = document.createElement('section');
  box.className = 'fit-box';
  const heading = document.createElement('h3');
  heading.innerHTML = `<span></span> <span class="fit" style="--fit:${p.fit}">${p.fit}</span>`;
  heading.firstChild.textContent = words().fitScore;
  const reasons = document.createElement('ul');
  reasons.setAttribute('aria-label', words().reasons);
  reasons.append(...p.fit_reasons.map((reason) => Object.assign(document.createElement('li'), {
    className: reason.met ? 'met' : 'missed', textContent: state.lang === 'en' ? reason.en : reason.zh })));
  box.append(heading, reasons);
  return [box];
}

function mediaSection(p) {
  const items = [...p.photos];
  if (!items.length && !p.video_url) return [];
  const box = document.createElement('section');
  box.append(Object.assign(document.createElement('h3'), { textContent: words().photos }));
  for (const media of items) {
    const element = document.createElement(media.kind === 'video' ? 'video' : 'img');
    element.src = media.url;
    if (media.kind === 'video') element.controls = true;
    else { element.alt = `${p.name ?? p.code}`; element.loading = 'lazy'; }
    box.append(element);
  }
  if (p.video_url) box.append(Object.assign(document.createElement('a'), { href: p.video_url, textContent: words().video, target: '_blank', rel: 'noopener' }));
  return [box];
}

async function select(code, { fly = false } = {}) {
  state.selected = code;
  saveUrl();
  highlight(map, code);
  for (const button of $('results').querySelectorAll('button')) button.setAttribute('aria-current', String(button.dataset.code === code));
  if (!code) {
    $('panel').hidden = true;
    return;
  }
  const industry = state.filters.industry ? `?industry=${encodeURIComponent(state.filters.industry)}` : '';
  try {
    const feature = await getJson(`api/collections/parcels/items/${encodeURIComponent(code)}${industry}`);
    const p = feature.properties;
    $('panel-title').textContent = p.name ?? code;
    const details = document.createElement('dl');
    details.append(...panelRows(p));
    $('panel-body').replaceChildren(details, ...fitSection(p), ...mediaSection(p));
    $('panel').hidden = false;
    $('panel').focus();
    if (fly) fitToFeature(map, feature);
  } catch (error) {
    showNotice(words().error + error.message);
  }
}

// ---- changes ----------------------------------------------------------------------
function applyFilters() {
  state.filters = formToFilters();
  $('f-min-fit').disabled = !state.filters.industry;
  $('min-fit-value').textContent = $('f-min-fit').value;
  updateLayerButtons();
  redrawAll();
}

// After the filters or the language change: the URL, the map's style, the
// counts, the list and the open parcel all follow.
function redrawAll() {
  saveUrl();
  map?.setStyle(styleUrl(state));
  refreshStats();
  refreshList();
  if (state.selected) select(state.selected);
}

function updateLayerButtons() {
  const shown = effectiveLayer(state);
  for (const button of document.querySelectorAll('[data-layer]')) {
    button.setAttribute('aria-checked', String(button.dataset.layer === shown));
    const fitWithout = button.dataset.layer === 'fit' && !state.filters.industry;
    button.title = fitWithout ? words().fitNeedsIndustry : '';
    button.setAttribute('aria-disabled', String(fitWithout));
  }
}

// The static map of this view for slides: same filters, layer, language and camera.
function staticImageUrl(spec) {
  const params = new URLSearchParams(filterQuery(state));
  params.set('style', effectiveLayer(state));
  params.set('lang', state.lang);
  params.set('title', words().title);
  params.set('qr', '1');
  const view = camera(map);
  if (view) {
    params.set('center', `${view.center[0].toFixed(5)},${view.center[1].toFixed(5)}`);
    params.set('zoom', view.zoom.toFixed(2));
  }
  return `static/${spec}?${params}`;
}

function openShare() {
  $('download-png').href = staticImageUrl('1920x1080.png');
  $('download-png2x').href = staticImageUrl('1920x1080@2x.png');
  $('download-svg').href = staticImageUrl('1920x1080.svg');
  $('download-pdf').href = staticImageUrl('1920x1080.pdf');
  // Absolute, from the page's base (the server's <base href>), so they work under a sub-path too.
  const url = new URL(`./?${stateQuery(state, camera(map))}`, document.baseURI).href;
  $('share-link').value = url;
  const embedUrl = new URL(`embed?${stateQuery({ ...state, selected: null }, camera(map))}`, document.baseURI).href;
  $('embed-code').value = `<iframe src="${embedUrl}" width="800" height="500" style="border:0" title="${words().title}" loading="lazy"></iframe>`;
  $('share-dialog').showModal();
}

async function copyLink() {
  const input = $('share-link');
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    input.select();
    document.execCommand('copy');  // older browsers and insecure contexts
  }
  $('copy-link').textContent = words().copied;
  setTimeout(() => { $('copy-link').textContent = words().copyLink; }, 1500);
}

// ---- start ---------------------------------------------------------------------------
async function start() {
  addChoices();
  applyLanguage();
  try {
    [industries] = [(await getJson('api/industries')).industries];
    const parks = (await getJson('api/stats')).by_park.map((p) => p.key).filter(Boolean).sort();
    $('f-park').append(...parks.map((park) => new Option(park, park)));
  } catch (error) {
    showNotice(words().error + error.message);
  }
  fillIndustries();
  filtersToForm();
  updateLayerButtons();
  map = createMap($('map'), state, {
    message: words().mapFailed,
    onSelect: (code) => select(code),
    onMove: () => { saveUrl(); if ($('in-view').checked) refreshList(); },
    onStyle: (style) => renderLegend($('legend'), style, words().legend),
  });
  refreshStats();
  refreshList();
  if (state.selected) select(state.selected);
  window.investmap = { map, state };  // for tests and the curious
}

form.addEventListener('input', (event) => { if (event.target.type !== 'search' && event.target.type !== 'number') applyFilters(); });
form.addEventListener('change', applyFilters);
form.addEventListener('submit', (event) => { event.preventDefault(); applyFilters(); });
form.addEventListener('reset', () => setTimeout(applyFilters));
$('f-area-unit').addEventListener('change', () => filtersToForm());
$('sort').addEventListener('change', () => { state.sort = $('sort').value; saveUrl(); refreshList(); });
$('in-view').addEventListener('change', refreshList);
$('panel-close').addEventListener('click', () => select(null));
$('share-button').addEventListener('click', openShare);
$('copy-link').addEventListener('click', copyLink);
$('language').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  applyLanguage();
  redrawAll();
});
for (const button of document.querySelectorAll('[data-layer]')) {
  button.addEventListener('click', () => {
    if (button.dataset.layer === 'fit' && !state.filters.industry) {
      showNotice(words().fitNeedsIndustry);
      $('f-industry').focus();
      return;
    }
    state.layer = button.dataset.layer;
    updateLayerButtons();
    saveUrl();
    map?.setStyle(styleUrl(state));
  });
}
$('panel-toggle').addEventListener('click', () => {
  const open = document.body.classList.toggle('side-open');
  $('panel-toggle').setAttribute('aria-expanded', String(open));
});
document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !$('panel').hidden) select(null); });
start();
