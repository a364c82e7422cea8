// The words of the viewer's own chrome (buttons, headings, messages), in
// Chinese (the default) and English. The domain's words (statuses, kinds,
// fields, filters) come from the server: vocabulary.js.
export const STRINGS = {
  zh: {
    title: '招商热力图', subtitle: '闲置土地 · 厂房 · 楼宇', language: 'English', languageLabel: '切换到英文', legend: '图例',
    filters: '筛选', anyIndustry: '不限产业',
    area: '面积', areaUnit: '单位', anyPark: '全部园区',
    reset: '清除筛选', layer: '图层',
    heat: '热力', fit: '适合度', statusLayer: '状态', matches: (n, m2, mu, muLabel) => `符合条件 ${n} 处，共 ${m2} m²（${mu} ${muLabel}）`,
    list: '地块列表', sortFit: '按适合度', sortArea: '按面积', inView: '只看地图范围内', noResults: '没有符合条件的地块，试试放宽筛选。',
    loading: '载入中…', error: '数据载入失败：', close: '关闭', share: '分享', copyLink: '复制链接', copied: '已复制',
    download: '下载图片（当前视图，含图例、比例尺、二维码）', embed: '嵌入代码', embedHelp: '把这段代码粘贴到网页中：', fitNeedsIndustry: '先选择产业再看适合度',
    fitScore: '适合度', reasons: '评分依据', photos: '照片与视频', video: '视频', now: '即日可用',
    mapFailed: '地图无法显示（浏览器不支持 WebGL）。列表和筛选仍可使用。', filtersToggle: '筛选与列表',
  },
  en: {
    title: 'Investment heat map', subtitle: 'Idle land · factories · offices', language: '中文', languageLabel: 'Switch to Chinese', legend: 'Legend',
    filters: 'Filters', anyIndustry: 'Any industry',
    area: 'Area', areaUnit: 'Unit', anyPark: 'All parks',
    reset: 'Clear filters', layer: 'Layer',
    heat: 'Heat', fit: 'Fit', statusLayer: 'Status', matches: (n, m2, mu, muLabel) => `${n} sites match, ${m2} m² (${mu} ${muLabel}) in all`,
    list: 'Sites', sortFit: 'By fit', sortArea: 'By area', inView: 'Only in the map view', noResults: 'No site matches: try wider filters.',
    loading: 'Loading…', error: 'Could not load: ', close: 'Close', share: 'Share', copyLink: 'Copy link', copied: 'Copied',
    download: 'Download image (this view, with legend, scale and QR code)', embed: 'Embed code', embedHelp: 'Paste this into a web page:', fitNeedsIndustry: 'Choose an industry to see fit',
    fitScore: 'Fit', reasons: 'Why', photos: 'Photos and video', video: 'Video', now: 'available now',
    mapFailed: 'The map cannot be shown (no WebGL in this browser). The list and filters still work.', filtersToggle: 'Filters and list',
  },
};

export function formatNumber(value, lang, digits = 0) {
  return Number(value).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits });
}
