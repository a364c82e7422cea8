// The API documentation (the landing page's service-doc), drawn from the
// server's own OpenAPI document (api/openapi): what it lists is what the
// server takes, so this page cannot drift from it.
const $ = (id) => document.getElementById(id);

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// "中文 / English" → 中文 <span class="en">English</span>
function bilingual(text = '') {
  const [zh, ...rest] = String(text).split(' / ');
  const fragment = document.createDocumentFragment();
  fragment.append(zh);
  if (rest.length) fragment.append(' ', element('span', { className: 'en', textContent: rest.join(' / ') }));
  return fragment;
}

// Local references only: the document is self-contained.
function resolve(api, node) {
  if (!node?.$ref) return node;
  return node.$ref.replace(/^#\//, '').split('/').reduce((at, key) => at?.[key], api);
}

function typeOf(schema = {}) {
  if (schema.type === 'array') {
    const size = schema.minItems && schema.minItems === schema.maxItems ? `${schema.minItems} × ` : '';
    return `${size}${typeOf(schema.items)}，逗号分隔 comma-separated`;
  }
  return [schema.type, schema.format].filter(Boolean).join(', ');
}

function valuesOf(schema = {}) {
  const inner = schema.type === 'array' ? schema.items ?? {} : schema;
  const parts = [];
  if (inner.enum) parts.push(`可选 values: ${inner.enum.join(', ')}`);
  if (inner.minimum !== undefined || inner.maximum !== undefined) parts.push(`${inner.minimum ?? '…'} – ${inner.maximum ?? '…'}`);
  if (inner.maxLength !== undefined) parts.push(`≤ ${inner.maxLength} 字节 bytes`);
  if (inner.pattern) parts.push(`格式 pattern: ${inner.pattern}`);
  if (schema.default !== undefined) parts.push(`默认 default: ${schema.default}`);
  if (schema.maxItems && schema.type === 'array' && schema.maxItems !== schema.minItems) parts.push(`≤ ${schema.maxItems} 项 items`);
  return parts.join(' · ');
}

function parameterTable(api, parameters) {
  const rows = parameters.map((reference) => resolve(api, reference)).map((parameter) => element('tr', {},
    element('td', { className: 'name', textContent: parameter.name + (parameter.required ? ' *' : '') }),
    element('td', { textContent: parameter.in }),
    element('td', { className: 'type', textContent: typeOf(parameter.schema) }),
    element('td', {}, bilingual(parameter.description), element('div', { className: 'values', textContent: valuesOf(parameter.schema) }))));
  if (!rows.length) return element('p', { className: 'values' }, bilingual('不带查询参数；其他参数返回 400 / takes no query parameter; any other is a 400'));
  const head = element('tr', {}, ...['名称 Name', '位置 In', '类型 Type', '说明 Description'].map((text) => element('th', { textContent: text })));
  return element('table', {}, element('thead', {}, head), element('tbody', {}, ...rows));
}

function responseList(api, responses) {
  return element('ul', {}, ...Object.entries(responses).map(([status, reference]) => {
    const response = resolve(api, reference);
    const types = Object.keys(response.content ?? {}).join(', ');
    return element('li', {}, element('code', { textContent: status }), ' ', bilingual(response.description),
                   types ? element('span', { className: 'values', textContent: ` — ${types}` }) : null);
  }));
}

function operationCard(api, path, method, operation) {
  const staffOnly = !operation.security?.some((scheme) => Object.keys(scheme).length === 0);
  const card = element('article', { className: 'operation', id: operation.operationId },
    element('h3', {}, element('span', { className: `method ${method}`, textContent: method.toUpperCase() }),
            element('span', { className: 'path', textContent: path }),
            staffOnly ? element('span', { className: 'lock' }, bilingual('需要招商科令牌 / staff token required')) : null),
    element('p', {}, bilingual(operation.summary)),
    parameterTable(api, operation.parameters ?? []));
  const body = operation.requestBody && resolve(api, operation.requestBody);
  if (body) {
    const properties = Object.entries(Object.values(body.content)[0]?.schema?.properties ?? {});
    card.append(element('p', {}, '请求体 ', element('span', { className: 'en', textContent: 'Body' }), ': ',
                         element('code', { textContent: Object.keys(body.content).join(', ') }),
                         properties.length ? ` — ${properties.map(([name]) => name).join(', ')}` : ''));
  }
  card.append(responseList(api, operation.responses));
  return card;
}

function render(api) {
  document.title = `${api.info.title} ${api.info.version}`;
  $('title').replaceChildren(api.info.title, ' ', element('span', { className: 'en', textContent: api.info.version }));
  const main = $('document');
  main.replaceChildren(...api.info.description.split('\n\n').map((paragraph) => element('p', { textContent: paragraph })));
  main.append(element('p', {}, '服务地址 ', element('span', { className: 'en', textContent: 'Server' }), ': ',
                      element('code', { textContent: api.servers?.[0]?.url ?? '' })));
  for (const tag of api.tags) {
    const operations = Object.entries(api.paths).flatMap(([path, methods]) =>
      Object.entries(methods).filter(([, operation]) => operation.tags?.includes(tag.name)).map(([method, operation]) => [path, method, operation]));
    if (!operations.length) continue;
    main.append(element('h2', { textContent: tag.name }), ...operations.map(([path, method, operation]) => operationCard(api, path, method, operation)));
  }
  const error = resolve(api, api.components.schemas.Error);
  main.append(element('h2', {}, '错误 ', element('span', { className: 'en', textContent: 'Errors' })),
              element('p', {}, bilingual('错误都是 JSON / every error is JSON'), ': ',
                      element('code', { textContent: '{"error":{"code":"bad_parameter","message":"…"}}' }),
                      ` (${Object.keys(error.properties.error.properties).join(', ')})`));
}

fetch('api/openapi')
  .then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  })
  .then(render)
  .catch((error) => {
    const status = $('status');
    status.className = 'error';
    status.replaceChildren(bilingual(`无法读取接口定义（${error.message}），请刷新 / could not read the API definition (${error.message}); reload the page`));
  });
