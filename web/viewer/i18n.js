// Every word the viewer shows, in Chinese (the default) and English.
export const STRINGS = {
  zh: {
    title: '招商热力图', subtitle: '闲置土地 · 厂房 · 楼宇', language: 'English', languageLabel: '切换到英文',
    filters: '筛选', industry: '产业', anyIndustry: '不限产业', minFit: '最低适合度', status: '状态', kind: '类型',
    area: '面积', areaUnit: '单位', rentMax: '最高租金（元/m²·月）', powerMin: '最低电力（kVA）', park: '园区', anyPark: '全部园区',
    availableBy: '最晚可用日期', search: '搜索编号、名称、地址', reset: '清除筛选', layer: '图层',
    heat: '热力', fit: '适合度', statusLayer: '状态', matches: (n, m2, mu) => `符合条件 ${n} 处，共 ${m2} m²（${mu} 亩）`,
    list: '地块列表', sortFit: '按适合度', sortArea: '按面积', inView: '只看地图范围内', noResults: '没有符合条件的地块，试试放宽筛选。',
    loading: '载入中…', error: '数据载入失败：', close: '关闭', share: '分享', copyLink: '复制链接', copied: '已复制',
    download: '下载图片（当前视图，含图例、比例尺、二维码）', embed: '嵌入代码', embedHelp: '把这段代码粘贴到网页中：', fitNeedsIndustry: '先选择产业再看适合度',
    kinds: { land: '土地', factory: '厂房', office: '楼宇' },
    statuses: { available: '闲置可招商', negotiating: '洽谈中', reserved: '已预留', signed: '已签约', settled: '已落地', withdrawn: '暂不招商' },
    fields: { code: '编号', kind: '类型', status: '状态', land_use: '用地性质', area_m2: '面积', floor_area_m2: '建筑面积',
      floor_height_m: '层高', floor_load_kn_m2: '楼面荷载', power_kva: '电力容量', rent_yuan_m2_month: '租金',
      land_price_wan_per_mu: '地价', available_from: '可用日期', park: '园区', address: '地址', contact: '联系方式', description: '简介' },
    units: { m2: 'm²', mu: '亩', m: 'm', kn: 'kN/m²', kva: 'kVA', rent: '元/m²·月', price: '万元/亩' },
    fitScore: '适合度', reasons: '评分依据', photos: '照片与视频', video: '视频', now: '即日可用',
    mapFailed: '地图无法显示（浏览器不支持 WebGL）。列表和筛选仍可使用。', filtersToggle: '筛选与列表',
  },
  en: {
    title: 'Investment heat map', subtitle: 'Idle land · factories · offices', language: '中文', languageLabel: 'Switch to Chinese',
    filters: 'Filters', industry: 'Industry', anyIndustry: 'Any industry', minFit: 'Minimum fit', status: 'Status', kind: 'Kind',
    area: 'Area', areaUnit: 'Unit', rentMax: 'Max rent (yuan/m²/month)', powerMin: 'Min power (kVA)', park: 'Park', anyPark: 'All parks',
    availableBy: 'Available by', search: 'Search code, name, address', reset: 'Clear filters', layer: 'Layer',
    heat: 'Heat', fit: 'Fit', statusLayer: 'Status', matches: (n, m2, mu) => `${n} sites match, ${m2} m² (${mu} mu) in all`,
    list: 'Sites', sortFit: 'By fit', sortArea: 'By area', inView: 'Only in the map view', noResults: 'No site matches: try wider filters.',
    loading: 'Loading…', error: 'Could not load: ', close: 'Close', share: 'Share', copyLink: 'Copy link', copied: 'Copied',
    download: 'Download image (this view, with legend, scale and QR code)', embed: 'Embed code', embedHelp: 'Paste this into a web page:', fitNeedsIndustry: 'Choose an industry to see fit',
    kinds: { land: 'land', factory: 'factory', office: 'office' },
    statuses: { available: 'available', negotiating: 'in negotiation', reserved: 'reserved', signed: 'signed', settled: 'settled', withdrawn: 'withdrawn' },
    fields: { code: 'Code', kind: 'Kind', status: 'Status', land_use: 'Land use', area_m2: 'Area', floor_area_m2: 'Floor area',
      floor_height_m: 'Floor height', floor_load_kn_m2: 'Floor load', power_kva: 'Power', rent_yuan_m2_month: 'Rent',
      land_price_wan_per_mu: 'Land price', available_from: 'Available from', park: 'Park', address: 'Address', contact: 'Contact', description: 'Description' },
    units: { m2: 'm²', mu: 'mu', m: 'm', kn: 'kN/m²', kva: 'kVA', rent: 'yuan/m²/month', price: '10k yuan/mu' },
    fitScore: 'Fit', reasons: 'Why', photos: 'Photos and video', video: 'Video', now: 'available now',
    mapFailed: 'The map cannot be shown (no WebGL in this browser). The list and filters still work.', filtersToggle: 'Filters and list',
  },
};

export const SQUARE_METRES_PER_MU = 1 / 0.0015;

export function formatNumber(value, lang, digits = 0) {
  return Number(value).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits });
}
