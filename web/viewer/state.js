// The whole view in the URL, so a link restores it: filters (the server's
// own parameter names, from /api/vocabulary), layer, language, selected
// parcel and camera.
export const LAYERS = ['heat', 'fit', 'status'];

export function readLanguage(search = location.search) {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh';
}

// `filterNames`: the server's filter parameters, in the order URLs list them.
export function readState(search, filterNames) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of filterNames) if (params.get(name)) filters[name] = params.get(name);
  const view = params.get('map')?.split('/').map(Number);
  return {
    filterNames,
    filters,
    layer: LAYERS.includes(params.get('layer')) ? params.get('layer') : 'heat',
    lang: readLanguage(search),
    selected: params.get('sel') ?? null,
    sort: params.get('sort') === 'area' ? 'area' : 'fit',
    view: view?.length === 3 && view.every(Number.isFinite) ? { zoom: view[0], center: [view[2], view[1]] } : null,
    legend: params.get('legend') !== '0',
  };
}

// The state's filters as a query string in the server's grammar ("" for none).
export function filterQuery(state) {
  const params = new URLSearchParams();
  for (const name of state.filterNames) {
    const value = state.filters[name];
    if (value !== undefined && value !== '') params.set(name, value);
  }
  return params.toString();
}

export function stateQuery(state, camera) {
  const params = new URLSearchParams(filterQuery(state));
  if (state.layer !== 'heat') params.set('layer', state.layer);
  if (state.lang !== 'zh') params.set('lang', state.lang);
  if (state.selected) params.set('sel', state.selected);
  if (state.sort !== 'fit') params.set('sort', state.sort);
  if (camera) params.set('map', `${camera.zoom.toFixed(2)}/${camera.center[1].toFixed(5)}/${camera.center[0].toFixed(5)}`);
  return params.toString();
}
