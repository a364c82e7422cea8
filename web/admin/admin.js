// The staff page: sign in with a token (kept in sessionStorage, this tab
// only), find a parcel by code, name or on the map, edit it with only the
// status moves the server allows, see its history, upload photos, and
// import a file: a dry run first, its parcels on the map, then the import.
import { Map as MapLibreMap } from '../vendor/maplibre-gl/maplibre-gl.mjs';
import { fitToFeature, highlight, renderLegend } from '../viewer/map.js';
import { labelOf, loadVocabularies } from '../viewer/vocabulary.js';

const TOKEN_KEY = 'investmap-token';
const $ = (id) => document.getElementById(id);
const state = {
  token: sessionStorage.getItem(TOKEN_KEY), parcel: null, etag: null, vocabulary: null, map: null, lastSearch: null,
  placing: null,  // { code, points: [[lon, lat] …] } while staff place a parcel that has no location
};

// The fields staff edit in the form (status has its own select): the
// vocabulary's editable fields, so a new one appears here by itself.
const editable = () => state.vocabulary.zh.fields.filter((field) => field.editable && field.name !== 'status');

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(path, { method, body, headers: { Authorization: `Bearer ${state.token}`, ...headers } });
  if (response.status === 401 && method === 'GET' && path.startsWith('api/stats')) throw new ApiError(401, '令牌无效 / invalid token');
  if (response.status === 401) {
    signOut('登录已失效，请重新登录 / your token is no longer valid: sign in again');
    throw new ApiError(401, 'signed out');
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data?.error?.message ?? `HTTP ${response.status}`);
  return { data, etag: response.headers.get('ETag') };
}

// "洽谈中 in negotiation": staff read both languages at once.
function bilingual(table, code) {
  const { zh, en } = state.vocabulary;
  return `${labelOf(zh, table, code)} ${labelOf(en, table, code)}`;
}
const statusLabel = (code) => bilingual('statuses', code);

function fieldLabel(name) {
  const find = (vocabulary) => vocabulary.fields.find((field) => field.name === name);
  const zh = find(state.vocabulary.zh);
  return zh ? `${zh.label} ${find(state.vocabulary.en).label}` : name;
}

// A label and an input for each editable field, typed as the vocabulary says.
function addFieldInputs() {
  const english = (name) => state.vocabulary.en.fields.find((field) => field.name === name);
  for (const field of editable()) {
    const label = document.createElement('label');
    label.htmlFor = field.name;
    label.dataset.field = field.name;
    label.append(`${field.label}${field.unit ? ` ${field.unit}` : ''} `,
      Object.assign(document.createElement('span'), { className: 'en', textContent: english(field.name).label }));
    const input = document.createElement(field.multiline ? 'textarea' : 'input');
    Object.assign(input, { id: field.name, name: field.name });
    if (field.multiline) input.rows = 3;
    else if (field.type === 'number') Object.assign(input, { type: 'number', min: '0', step: 'any', ...(field.max ? { max: String(field.max) } : {}) });
    else if (field.type === 'date') input.type = 'date';
    else if (field.name === 'video_url') Object.assign(input, { type: 'url', placeholder: 'https://' });
    $(field.staff_only ? 'staff-fields' : 'public-fields').append(label, input);
  }
}

async function loadVocabulary() {
  if (state.vocabulary) return;
  state.vocabulary = await loadVocabularies();
  addFieldInputs();
  $('import-kind').replaceChildren(new Option('按表中的类型列 — from the file', ''),
    ...state.vocabulary.zh.kinds.map((kind) => new Option(bilingual('kinds', kind.code), kind.code)));
}

function signOut(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  $('workspace').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
}

async function signIn(token) {
  state.token = token;
  try {
    await api('api/stats');
  } catch (error) {
    state.token = null;
    $('sign-in-error').textContent = error.status === 429 ? error.message : '令牌无效 / invalid token';
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('workspace').hidden = false;
  await loadVocabulary();
  startMap();
  await loadUnlocated();
}

function startMap() {
  if (state.map) return;
  try {
    state.map = new MapLibreMap({
      container: 'map',
      style: 'styles/status.json',
      // Tiles with the token show every status; other origins get no token.
      transformRequest: (url) => (new URL(url, document.baseURI).origin === location.origin
        ? { url, headers: { Authorization: `Bearer ${state.token}` } } : { url }),
    });
    window.investmap = { map: state.map };  // for tests and the curious, as on the investor map
    state.map.on('styledata', () => renderLegend($('admin-legend'), state.map.getStyle(), '图例 Legend'));
    state.map.on('click', (event) => {
      if (state.placing) return addPlacementPoint(event.lngLat);
      const [hit] = state.map.queryRenderedFeatures(event.point, { layers: ['parcels-fill', 'parcels-points'] });
      if (hit) select(hit.properties.code);
    });
  } catch (error) {
    $('map').textContent = `地图无法显示（${error.message}），仍可按编号查找 / the map cannot be shown; search by code instead`;
  }
}

async function search(text) {
  state.lastSearch = text;
  $('search-status').textContent = '查找中… / searching…';
  const { data } = await api(`api/collections/parcels/items?limit=50&q=${encodeURIComponent(text)}`);
  const list = $('results');
  list.replaceChildren(...data.features.map((feature) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.code = feature.id;
    button.textContent = `${feature.id} ${feature.properties.name ?? ''} · ${statusLabel(feature.properties.status)}`;
    button.addEventListener('click', () => select(feature.id));
    item.append(button);
    return item;
  }));
  $('search-status').textContent = data.numberMatched === 0 ? '没有找到 / nothing found'
    : `找到 ${data.numberMatched} 个 / ${data.numberMatched} found${data.numberMatched > 50 ? '（显示前 50 / first 50 shown）' : ''}`;
}

async function select(code) {
  const { data, etag } = await api(`api/collections/parcels/items/${encodeURIComponent(code)}`);
  state.parcel = data;
  state.etag = etag;
  fillEditor(data);
  fitToFeature(state.map, data);
  highlight(state.map, code);  // outlined in red, kept across style reloads
  for (const button of $('results').querySelectorAll('button')) button.setAttribute('aria-current', button.dataset.code === code);
  await Promise.all([showHistory(code), showPhotos(data)]);
}

function fillEditor(feature) {
  const p = feature.properties;
  $('editor').hidden = false;
  $('parcel-title').textContent = `${feature.id} ${p.name ?? ''}`;
  $('parcel-meta').textContent = `版本 version ${p.version} · ${p.updated_by} · ${p.updated_at}`;
  const status = $('status');
  status.replaceChildren(...[p.status, ...p.may_move_to].map((code) => new Option(statusLabel(code), code)));
  status.value = p.status;
  for (const { name } of editable()) $(name).value = p[name] ?? '';
  $('note').value = '';
  $('edit-message').textContent = '';
}

// Only what changed goes into the merge patch.
function patchFromForm() {
  const p = state.parcel.properties;
  const patch = {};
  if ($('status').value !== p.status) patch.status = $('status').value;
  for (const { name, type } of editable()) {
    const text = $(name).value.trim();
    const value = text === '' ? null : type === 'number' ? Number(text) : text;
    if (value !== (p[name] ?? null)) patch[name] = value;
  }
  if ($('note').value.trim()) patch.note = $('note').value.trim();
  return patch;
}

async function save() {
  const message = $('edit-message');
  const patch = patchFromForm();
  if (Object.keys(patch).filter((key) => key !== 'note').length === 0) {
    message.className = '';
    message.textContent = '没有改动 / nothing changed';
    return;
  }
  try {
    await api(`api/collections/parcels/items/${encodeURIComponent(state.parcel.id)}`, {
      method: 'PATCH', body: JSON.stringify(patch),
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': state.etag },
    });
    await select(state.parcel.id);
    if (state.lastSearch !== null) await search(state.lastSearch);  // the list shows the new status
    message.className = 'saved';
    message.textContent = '已保存 / saved';
    state.map?.setStyle('styles/status.json', { diff: false });  // tiles again, with the edit
  } catch (error) {
    message.className = 'failed';
    if (error.status === 412) {
      await select(state.parcel.id);
      message.className = 'failed';
      message.textContent = '该地块刚被他人修改，已重新载入，请再改一次 / someone changed this parcel: reloaded, edit again';
    } else {
      message.textContent = error.message;
    }
  }
}

// "2026-12-08T05:00:00Z" as the staff member's own clock reads it.
function localTime(utc) {
  const time = new Date(utc);
  return Number.isNaN(time.getTime()) ? utc : time.toLocaleString('zh-CN', { hour12: false });
}

async function showHistory(code) {
  const { data } = await api(`api/collections/parcels/items/${encodeURIComponent(code)}/history`);
  $('history').replaceChildren(...data.events.slice().reverse().map((event) => {
    const item = document.createElement('li');
    const moved = event.from_status !== event.to_status && event.to_status
      ? ` ${statusLabel(event.from_status ?? '')} → ${statusLabel(event.to_status)}` : '';
    const fields = Object.keys(event.changes).filter((key) => key !== 'status').map(fieldLabel).join('、');
    item.textContent = `${localTime(event.at)} ${event.actor}：${event.action}${moved}${fields ? ` (${fields})` : ''}${event.note ? ` — ${event.note}` : ''}`;
    return item;
  }));
}

function showPhotos(feature) {
  $('photos').replaceChildren(...feature.properties.photos.map((photo) => {
    const item = document.createElement('li');
    const media = document.createElement(photo.kind === 'video' ? 'video' : 'img');
    media.src = photo.url;
    if (photo.kind === 'video') media.controls = true;
    else media.alt = `照片 photo ${photo.width}×${photo.height}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '删除 Remove';
    remove.addEventListener('click', async () => {
      await api(`api/collections/parcels/items/${encodeURIComponent(feature.id)}/media/${photo.hash}`, { method: 'DELETE' });
      await select(feature.id);
    });
    item.append(media, remove);
    return item;
  }));
}

async function upload(file) {
  const message = $('upload-message');
  message.className = '';
  message.textContent = '上传中… / uploading…';
  try {
    await api(`api/collections/parcels/items/${encodeURIComponent(state.parcel.id)}/media`, { method: 'POST', body: file });
    await select(state.parcel.id);
    message.className = 'saved';
    message.textContent = '已上传 / uploaded';
  } catch (error) {
    message.className = 'failed';
    message.textContent = error.message;
  }
}

// ---- parcels waiting for a location (待定位) ----------------------------------

const PLACEMENT = 'placement';

async function loadUnlocated() {
  const { data } = await api('api/unlocated');
  $('unlocated-count').textContent = String(data.parcels.length);
  $('unlocated-list').replaceChildren(...data.parcels.map((parcel) => {
    const item = document.createElement('li');
    const button = element('button', `${parcel.code} ${parcel.name}${parcel.address ? ` · ${parcel.address}` : ''}`);
    button.type = 'button';
    button.dataset.code = parcel.code;
    button.addEventListener('click', () => startPlacing(parcel));
    item.append(button);
    return item;
  }));
  if (data.parcels.length === 0) $('unlocated-list').append(element('li', '没有待定位的地块 / nothing to place', 'hint'));
}

function startPlacing(parcel) {
  state.placing = { code: parcel.code, points: [] };
  $('placing').hidden = false;
  $('placing-title').textContent = `${parcel.code} ${parcel.name}${parcel.address ? `（${parcel.address}）` : ''}`;
  $('placing-message').textContent = '';
  for (const button of $('unlocated-list').querySelectorAll('button')) button.setAttribute('aria-current', button.dataset.code === parcel.code);
  drawPlacement();
}

function stopPlacing() {
  state.placing = null;
  $('placing').hidden = true;
  for (const button of $('unlocated-list').querySelectorAll('button')) button.setAttribute('aria-current', false);
  const map = state.map;
  if (map?.getSource(PLACEMENT)) {
    for (const id of [`${PLACEMENT}-fill`, `${PLACEMENT}-line`, `${PLACEMENT}-points`]) map.removeLayer(id);
    map.removeSource(PLACEMENT);
  }
}

function addPlacementPoint(lngLat) {
  state.placing.points.push([Number(lngLat.lng.toFixed(7)), Number(lngLat.lat.toFixed(7))]);
  drawPlacement();
}

// One point places a point; three or more an outline; two are not a parcel yet.
function placementGeometry() {
  const points = state.placing.points;
  if (points.length === 1) return { type: 'Point', coordinates: points[0] };
  if (points.length >= 3) return { type: 'Polygon', coordinates: [[...points, points[0]]] };
  return null;
}

function drawPlacement() {
  const points = state.placing.points;
  $('placing-hint').textContent = points.length === 0 ? '在地图上点击 / click the map'
    : points.length === 2 ? '再点一个点成为轮廓 / one more point makes an outline'
      : `${points.length} 个点 points`;
  $('place').disabled = !placementGeometry();
  const map = state.map;
  if (!map) return;
  const features = points.map((point) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: {} }));
  const shape = placementGeometry();
  if (shape?.type === 'Polygon') features.push({ type: 'Feature', geometry: shape, properties: {} });
  const data = { type: 'FeatureCollection', features };
  if (map.getSource(PLACEMENT)) return map.getSource(PLACEMENT).setData(data);
  map.addSource(PLACEMENT, { type: 'geojson', data });
  map.addLayer({ id: `${PLACEMENT}-fill`, type: 'fill', source: PLACEMENT, filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': '#9467bd', 'fill-opacity': 0.35 } });
  map.addLayer({ id: `${PLACEMENT}-line`, type: 'line', source: PLACEMENT, filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'line-color': '#5b3f87', 'line-width': 2 } });
  map.addLayer({ id: `${PLACEMENT}-points`, type: 'circle', source: PLACEMENT, filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': '#9467bd', 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
}

async function place() {
  const { code } = state.placing;
  const message = $('placing-message');
  try {
    await api(`api/unlocated/${encodeURIComponent(code)}/geometry`, {
      method: 'PUT', body: JSON.stringify(placementGeometry()), headers: { 'Content-Type': 'application/geo+json' },
    });
  } catch (error) {
    message.className = 'failed';
    message.textContent = error.message;
    return;
  }
  stopPlacing();
  message.className = 'saved';
  message.textContent = `已定位 ${code} / placed`;
  state.map?.setStyle('styles/status.json', { diff: false });  // tiles again, with the parcel
  await loadUnlocated();
  await select(code);
}

$('place').addEventListener('click', place);
$('place-undo').addEventListener('click', () => { state.placing?.points.pop(); if (state.placing) drawPlacement(); });
$('place-cancel').addEventListener('click', stopPlacing);

// ---- import a file ---------------------------------------------------------

const PREVIEW = 'import-preview';

function importUrl(file, dryRun) {
  const query = new URLSearchParams({ filename: file.name });
  const crs = $('import-crs').value === 'other' ? $('import-crs-other').value.trim() : $('import-crs').value;
  if ($('import-kind').value) query.set('kind', $('import-kind').value);
  if (crs) query.set('s_srs', crs);
  if ($('import-prefix').value.trim()) query.set('generate_codes', $('import-prefix').value.trim());
  if ($('import-unlocated').checked) query.set('allow_unlocated', '1');
  if ($('import-skip').checked) query.set('skip_rejected', '1');
  if (dryRun) query.set('dry_run', '1');
  return `api/imports?${query}`;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function rejectionTable(rejections) {
  const table = element('table');
  const head = table.createTHead().insertRow();
  for (const title of ['行数 rows', '字段 field', '原因 reason', '要素 features']) head.append(element('th', title));
  const body = table.createTBody();
  for (const group of rejections) {
    const row = body.insertRow();
    row.append(element('td', String(group.count)), element('td', fieldLabel(group.field)),
      element('td', `${group.reason_zh} / ${group.reason_en}`), element('td', group.features.join(', ') + (group.count > group.features.length ? ' …' : '')));
  }
  return table;
}

function showImportSummary(summary) {
  const c = summary.counts;
  const parts = [
    element('p', `${summary.dry_run ? '试运行，未写入 dry run, nothing written' : summary.written ? '已导入 imported' : '未导入 not imported'}：`
      + `读取 read ${c.read} · 新增 inserted ${c.inserted} · 更新 updated ${c.updated} · 未变 unchanged ${c.unchanged}`
      + ` · 修复 repaired ${c.repaired} · 拒绝 rejected ${c.rejected}${c.unlocated ? ` · 待定位 unlocated ${c.unlocated}` : ''}`,
    summary.refused ? 'failed' : 'saved'),
  ];
  for (const note of summary.notes) parts.push(element('p', note, 'hint'));
  if (summary.rejections.length) parts.push(rejectionTable(summary.rejections));
  if (summary.mapping_lines) parts.push(element('pre', summary.mapping_lines));
  if (summary.refused) {
    parts.push(element('p', '有行被拒，未写入：改正文件后重试，或勾选“跳过被拒的行” / rows were rejected and nothing was written: '
      + 'fix the file, or tick Skip rejected rows', 'failed'));
  }
  $('import-result').replaceChildren(...parts);
  $('import-result').scrollIntoView({ block: 'nearest' });
}

function showPreview(collection) {
  const map = state.map;
  if (!map) return;
  clearPreview();
  if (!collection?.features.length) return;
  map.addSource(PREVIEW, { type: 'geojson', data: collection });
  map.addLayer({ id: `${PREVIEW}-fill`, type: 'fill', source: PREVIEW, filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': '#f28e2b', 'fill-opacity': 0.45 } });
  map.addLayer({ id: `${PREVIEW}-line`, type: 'line', source: PREVIEW, paint: { 'line-color': '#b35806', 'line-width': 2 } });
  map.addLayer({ id: `${PREVIEW}-points`, type: 'circle', source: PREVIEW, filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': '#f28e2b', 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
  fitToFeature(map, { geometry: { coordinates: collection.features.filter((f) => f.geometry).map((f) => f.geometry.coordinates) } });
}

function clearPreview() {
  const map = state.map;
  if (!map?.getSource(PREVIEW)) return;
  for (const suffix of ['fill', 'line', 'points']) map.removeLayer(`${PREVIEW}-${suffix}`);
  map.removeSource(PREVIEW);
}

async function runImport(dryRun) {
  const file = $('import-file').files[0];
  if (!file) return;
  const result = $('import-result');
  $('import-confirm').disabled = true;
  result.replaceChildren(element('p', dryRun ? '检查中… / checking…' : '导入中… / importing…'));
  let summary;
  try {
    const response = await fetch(importUrl(file, dryRun), {
      method: 'POST', body: file, headers: { Authorization: `Bearer ${state.token}`, 'Content-Type': 'application/octet-stream' },
    });
    if (response.status === 401) return signOut('登录已失效，请重新登录 / your token is no longer valid: sign in again');
    summary = await response.json();
  } catch (error) {
    result.replaceChildren(element('p', `上传失败 / upload failed: ${error.message}`, 'failed'));
    return;
  }
  if (summary.error) {
    clearPreview();
    result.replaceChildren(element('p', summary.error.message, 'failed'));
    return;
  }
  showImportSummary(summary);
  if (dryRun) {
    showPreview(summary.preview);
    $('import-confirm').disabled = summary.refused || summary.counts.read === 0;
  } else {
    clearPreview();
    state.map?.setStyle('styles/status.json', { diff: false });  // tiles again, with the new parcels
    await loadUnlocated();
  }
}

// A changed option needs a new dry run before the import.
$('import-form').addEventListener('input', () => { $('import-confirm').disabled = true; });
$('import-crs').addEventListener('change', () => { $('import-crs-other').hidden = $('import-crs').value !== 'other'; });
$('import-form').addEventListener('submit', (event) => { event.preventDefault(); runImport(true); });
$('import-confirm').addEventListener('click', () => runImport(false));

$('sign-in').addEventListener('submit', (event) => { event.preventDefault(); signIn($('token').value.trim()); });
$('sign-out').addEventListener('click', () => signOut());
$('search').addEventListener('submit', (event) => { event.preventDefault(); search($('q').value.trim()); });
$('edit-form').addEventListener('submit', (event) => { event.preventDefault(); save(); });
$('upload').addEventListener('change', (event) => { if (event.target.files[0]) upload(event.target.files[0]); event.target.value = ''; });
if (state.token) signIn(state.token);
