// The domain's words as the server defines them (GET /api/vocabulary):
// statuses with their colours and moves, kinds, land uses, the parcel's
// fields with labels and units, the filter parameters, the fit bands. The
// pages keep only the words of their own chrome (buttons, headings).
export async function loadVocabulary(lang) {
  const response = await fetch(`api/vocabulary?lang=${lang === 'en' ? 'en' : 'zh'}`);
  if (!response.ok) throw new Error(`api/vocabulary: HTTP ${response.status}`);
  return response.json();
}

// Both languages, for pages that switch between them or show both.
export async function loadVocabularies() {
  const [zh, en] = await Promise.all([loadVocabulary('zh'), loadVocabulary('en')]);
  return { zh, en };
}

// The label of `code` in one of the vocabulary's tables ('statuses',
// 'kinds', 'land_uses'), or the code itself when the table does not know it.
export function labelOf(vocabulary, table, code) {
  return vocabulary[table].find((entry) => entry.code === code)?.label ?? code;
}

export function fieldOf(vocabulary, name) {
  return vocabulary.fields.find((field) => field.name === name);
}

export function filterNames(vocabulary) {
  return vocabulary.filters.map((filter) => filter.name);
}

// "rent (yuan/m²/month)" from a field or filter with a unit.
export function withUnit(entry, lang) {
  if (!entry.unit) return entry.label;
  return lang === 'en' ? `${entry.label} (${entry.unit})` : `${entry.label}（${entry.unit}）`;
}
