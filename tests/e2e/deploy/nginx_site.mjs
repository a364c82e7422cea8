// The shipped nginx site (deploy/nginx-investmap.conf) made runnable by a
// test on loopback: the same file, with only its ports, certificate paths,
// cache folder and upstream replaced, inside a minimal nginx.conf like
// Debian's. Each replacement must find its line, so a change to the site
// that the tests would no longer exercise fails here instead.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { SOURCE_DIR } from '../helpers.mjs';

export const SITE_FILE = join(SOURCE_DIR, 'deploy', 'nginx-investmap.conf');

function replaceOnce(text, from, to) {
  if (!text.includes(from)) throw new Error(`deploy/nginx-investmap.conf no longer has "${from}": update tests/e2e/deploy/nginx_site.mjs`);
  return text.replace(from, to);
}

// The site with this test's ports and files.
export function siteFor({ dir, upstreamPort, httpsPort, httpPort, cert, key }) {
  let site = readFileSync(SITE_FILE, 'utf8');
  site = replaceOnce(site, '/var/cache/nginx/investmap', join(dir, 'cache'));
  site = replaceOnce(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${upstreamPort};`);
  site = replaceOnce(site, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
  site = replaceOnce(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`);
  // Loopback IPv6 is not on every test machine.
  site = replaceOnce(site, 'listen [::]:80;', '');
  site = replaceOnce(site, 'listen [::]:443 ssl http2;', '');
  site = replaceOnce(site, '/etc/ssl/certs/zsdt.example.gov.cn.pem', cert);
  site = replaceOnce(site, '/etc/ssl/private/zsdt.example.gov.cn.key', key);
  return site;
}

// A whole nginx.conf around the site, writing only below `dir`.
export function nginxConfig(dir, site) {
  mkdirSync(join(dir, 'nginx-tmp'), { recursive: true });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${join(dir, 'nginx-tmp', kind)};`).join(' ');
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, `worker_processes 1; daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'nginx-error.log')} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types; default_type application/octet-stream; sendfile on; gzip on;
  access_log ${join(dir, 'nginx-access.log')};
  ${temp}
${site}
}
`);
  return file;
}

// `nginx -t` on a config: { ok, output }.
export function nginxTest(dir, configFile) {
  const result = spawnSync('nginx', ['-t', '-e', join(dir, 'nginx-error.log'), '-p', dir, '-c', configFile], { encoding: 'utf8' });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

// Starts nginx on the config and waits for `port`; stopped after the test.
export async function startNginx(t, dir, configFile, port) {
  const child = spawn('nginx', ['-e', join(dir, 'nginx-error.log'), '-p', dir, '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  t.after(async () => { child.kill('SIGQUIT'); await exited; });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await connects(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const errors = (() => { try { return readFileSync(join(dir, 'nginx-error.log'), 'utf8'); } catch { return ''; } })();
  throw new Error(`nginx did not start: ${log}${errors}`);
}

function connects(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

// A port nobody listens on now.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

// A self-signed certificate for 127.0.0.1, made by openssl: { cert, key }.
export function selfSignedCertificate(dir) {
  const cert = join(dir, 'site.pem');
  const key = join(dir, 'site.key');
  const result = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl: ${result.stderr}`);
  return { cert, key };
}
