// /embed: the same map and parameters as /, without panels, for iframes.
// `legend=0` hides the legend; a click on a parcel opens it in the full map.
import { STRINGS } from './i18n.js';
import { createMap, renderLegend } from './map.js';
import { readLanguage, readState, stateQuery } from './state.js';
import { filterNames, loadVocabulary } from './vocabulary.js';

const vocabulary = await loadVocabulary(readLanguage());
const state = readState(location.search, filterNames(vocabulary));
const legend = document.getElementById('legend');
legend.hidden = !state.legend;
document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
const full = document.getElementById('open-full');
full.href = `./?${stateQuery(state, state.view)}`;
const map = createMap(document.getElementById('map'), state, {
  message: STRINGS[state.lang].mapFailed,
  onSelect: (code) => window.open(`./?${stateQuery({ ...state, selected: code }, state.view)}`, '_blank', 'noopener'),
  onStyle: (style) => renderLegend(legend, style, STRINGS[state.lang].legend),
  onMove: (m) => {
    const c = m.getCenter();
    full.href = `./?${stateQuery(state, { zoom: m.getZoom(), center: [c.lng, c.lat] })}`;
  },
});
window.investmap = { map, state };  // for tests and the curious
