// The whole view in the URL, so a link restores it: filters (the server's
// own parameter names), layer, language, selected parcel and camera.
export const FILTER_NAMES = ['industry', 'min_fit', 'status', 'kind', 'land_use', 'area_min', 'area_max', 'rent_max', 'power_min',
                             'park', 'available_by', 'q'];
export const LAYERS = ['heat', 'fit', 'status'];

export function readState(search = location.search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of FILTER_NAMES) if (params.get(name)) filters[name] = params.get(name);
  const view = params.get('map')?.split('/').map(Number);
  return {
    filters,
    layer: LAYERS.includes(params.get('layer')) ? params.get('layer') : 'heat',
    lang: params.get('lang') === 'en' ? 'en' : 'zh',
    selected: params.get('sel') ?? null,
    sort: params.get('sort') === 'area' ? 'area' : 'fit',
    view: view?.length === 3 && view.every(Number.isFinite) ? { zoom: view[0], center: [view[2], view[1]] } : null,
    legend: params.get('legend') !== '0',
  };
}

// The filters as a query string in the server's grammar ("" for none).
export function filterQuery(filters) {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name] !== undefined && filters[name] !== '') params.set(name, filters[name]);
  return params.toString();
}

export function stateQuery(state, camera) {
  const params = new URLSearchParams(filterQuery(state.filters));
  if (state.layer !== 'heat') params.set('layer', state.layer);
  if (state.lang !== 'zh') params.set('lang', state.lang);
  if (state.selected) params.set('sel', state.selected);
  if (state.sort !== 'fit') params.set('sort', state.sort);
  if (camera) params.set('map', `${camera.zoom.toFixed(2)}/${camera.center[1].toFixed(5)}/${camera.center[0].toFixed(5)}`);
  return params.toString();
}
