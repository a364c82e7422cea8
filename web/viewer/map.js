// The map both pages share: MapLibre with our style for the chosen layer
// and filters, the legend from the style's metadata, clicks → a parcel.
import { Map as MapLibreMap, NavigationControl, ScaleControl } from '../vendor/maplibre-gl/maplibre-gl.mjs';
import { filterQuery } from './state.js';

const PARCEL_LAYERS = ['parcels-fill', 'parcels-points'];

// The fit layer needs an industry; without one the heat layer stands in.
export function effectiveLayer(state) {
  return state.layer === 'fit' && !state.filters.industry ? 'heat' : state.layer;
}

export function styleUrl(state) {
  const query = filterQuery(state);
  return `styles/${effectiveLayer(state)}.json?${query ? `${query}&` : ''}lang=${state.lang}`;
}

// Returns the map, or null when the browser cannot draw it (no WebGL):
// the page then keeps its list and filters and says why.
export function createMap(container, state, { onSelect, onMove, onStyle, message }) {
  let map;
  try {
    map = new MapLibreMap({
      container,
      style: styleUrl(state),
      ...(state.view ?? {}),
      // Chinese labels are drawn from the browser's fonts: no font server needed, online or not.
      localIdeographFontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
      attributionControl: { compact: true },
      cooperativeGestures: false,
    });
  } catch {
    container.classList.add('map-failed');
    container.textContent = message;
    return null;
  }
  map.addControl(new NavigationControl({ showCompass: false }), 'top-left');  // the parcel panel opens on the right
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.on('click', (event) => {
    const [hit] = map.queryRenderedFeatures(event.point, { layers: PARCEL_LAYERS.filter((id) => map.getLayer(id)) });
    if (hit) onSelect(hit.properties.code);
  });
  for (const id of PARCEL_LAYERS) {
    map.on('mouseenter', id, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', id, () => { map.getCanvas().style.cursor = ''; });
  }
  map.on('moveend', () => onMove?.(map));
  map.on('styledata', () => onStyle?.(map.getStyle()));
  return map;
}

// Outlines the selected parcel; kept across style changes (each filter or
// layer change loads a new style without our extra layer).
let redrawHighlight = null;
export function highlight(map, code) {
  if (!map) return;
  const draw = () => {
    if (!map.getSource('investmap')) return;
    if (map.getLayer('selected')) map.removeLayer('selected');
    if (!code) return;
    map.addLayer({ id: 'selected', type: 'line', source: 'investmap', 'source-layer': 'parcels',
                   filter: ['==', ['get', 'code'], code], paint: { 'line-color': '#d7191c', 'line-width': 3 } });
  };
  if (redrawHighlight) map.off('style.load', redrawHighlight);
  redrawHighlight = draw;
  map.on('style.load', draw);
  if (map.isStyleLoaded()) draw();
}

export function camera(map) {
  if (!map) return null;
  const centre = map.getCenter();
  return { zoom: map.getZoom(), center: [centre.lng, centre.lat] };
}

// Draws the style's legend: one section per entry of metadata["investmap:legend"],
// under a summary that folds it (`title`: "图例" or "Legend"). It opens
// folded where the map is small (a phone, a small embed) and keeps the
// reader's choice when the style changes.
export function renderLegend(element, style, title) {
  const sections = style?.metadata?.['investmap:legend'] ?? [];
  if (sections.length === 0) return element.replaceChildren();
  const previous = element.querySelector('details');
  const fold = document.createElement('details');
  fold.open = previous ? previous.open : !matchMedia('(max-width: 600px), (max-height: 480px)').matches;
  const summary = document.createElement('summary');
  summary.textContent = title;
  fold.append(summary, ...legendSections(sections));
  element.replaceChildren(fold);
}

function legendSections(sections) {
  return sections.map((section) => {
    const box = document.createElement('section');
    const title = document.createElement('h3');
    title.textContent = section.title;
    box.append(title);
    if (section.type === 'ramp') {
      const ramp = document.createElement('div');
      ramp.className = 'ramp';
      ramp.style.background = `linear-gradient(to right, ${section.items.map((item) => item.color).join(', ')})`;
      const labels = document.createElement('div');
      labels.className = 'ramp-labels';
      labels.append(...section.items.filter((item) => item.label).map((item) => Object.assign(document.createElement('span'), { textContent: item.label })));
      box.append(ramp, labels);
    } else {
      const list = document.createElement('ul');
      list.append(...section.items.map((item) => {
        const entry = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = item.color;
        entry.append(swatch, document.createTextNode(item.label));
        return entry;
      }));
      box.append(list);
    }
    return box;
  });
}

export function fitToFeature(map, feature) {
  if (!map || !feature?.geometry) return;
  const points = [];
  const collect = (c) => (typeof c[0] === 'number' ? points.push(c) : c.forEach(collect));
  collect(feature.geometry.coordinates);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  map.fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]], { maxZoom: 16, padding: 80, duration: 500 });
}
