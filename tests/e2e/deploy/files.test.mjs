// The operator's files in deploy/: the systemd units pass systemd-analyze
// verify, the nginx site passes nginx -t, and the backup script keeps the
// newest copies, each a whole database, with the media beside them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { INVESTMAP, SOURCE_DIR, get, sampleDatabase, scalar, startServerBinary, workdir } from '../helpers.mjs';
import { nginxConfig, nginxTest, selfSignedCertificate, siteFor } from './nginx_site.mjs';

const DEPLOY = join(SOURCE_DIR, 'deploy');
const UNITS = ['investmap.service', 'investmap-backup.service', 'investmap-backup.timer'];

// The units as shipped, with the installed paths pointed at this build (verify
// checks that each command exists).
function unitsHere(dir) {
  return UNITS.map((name) => {
    const text = readFileSync(join(DEPLOY, name), 'utf8')
      .replaceAll('/usr/local/bin/investmap', INVESTMAP)
      .replaceAll('/usr/local/share/investmap/deploy/investmap-backup.sh', join(DEPLOY, 'investmap-backup.sh'));
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

test('the systemd units pass systemd-analyze verify without a warning', (t) => {
  const dir = workdir(t);
  const result = spawnSync('systemd-analyze', ['verify', ...unitsHere(dir)], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout + result.stderr, '', 'an unknown key or a typo is only a warning: none is allowed');
  const service = readFileSync(join(DEPLOY, 'investmap.service'), 'utf8');
  for (const line of ['User=investmap', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/investmap']) {
    assert.ok(service.split('\n').includes(line), `investmap.service has ${line}`);
  }
});

test('a unit with a misspelt key fails the check above', (t) => {
  const dir = workdir(t);
  const [service] = unitsHere(dir);
  writeFileSync(service, readFileSync(service, 'utf8').replace('ProtectSystem=strict', 'ProtectSytem=strict'));
  const result = spawnSync('systemd-analyze', ['verify', service], { encoding: 'utf8' });
  assert.match(result.stdout + result.stderr, /Unknown key 'ProtectSytem'/);
});

test('the nginx site passes nginx -t, and a broken one does not', (t) => {
  const dir = workdir(t);
  const { cert, key } = selfSignedCertificate(dir);
  const site = siteFor({ dir, upstreamPort: 8080, httpsPort: 8443, httpPort: 8081, cert, key });
  const good = nginxTest(dir, nginxConfig(dir, site));
  assert.ok(good.ok, good.output);
  const broken = nginxTest(dir, nginxConfig(dir, site.replace('proxy_cache investmap_tiles;', 'proxy_cache no_such_zone;')));
  assert.equal(broken.ok, false, 'nginx -t does check the site');
});

test('the backup script keeps the newest copies, each whole, and the media beside them', (t) => {
  const dir = workdir(t);
  const db = sampleDatabase(dir);
  const media = join(dir, 'media');
  mkdirSync(media);
  writeFileSync(join(media, 'ab12.jpg'), 'photo');
  const backups = join(dir, 'backups');
  const env = { ...process.env, INVESTMAP, INVESTMAP_DB: db, INVESTMAP_MEDIA: media, INVESTMAP_BACKUPS: backups, INVESTMAP_KEEP: '2' };
  const script = join(DEPLOY, 'investmap-backup.sh');
  // Three older copies by name, as earlier nights left them.
  mkdirSync(backups);
  for (const day of ['20261201', '20261202', '20261203']) writeFileSync(join(backups, `investmap-${day}-023000.sqlite`), 'old');
  writeFileSync(join(backups, 'notes.txt'), 'not a backup: left alone');
  const result = spawnSync(script, { env, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /备份完成 backup done: .*removed 2\)/);
  const copies = readdirSync(backups).filter((name) => name.endsWith('.sqlite')).sort();
  assert.equal(copies.length, 2, copies.join(' '));
  assert.equal(copies[0], 'investmap-20261203-023000.sqlite', 'the newest old copy stays');
  assert.equal(scalar(join(backups, copies[1]), 'PRAGMA integrity_check'), 'ok');
  assert.equal(scalar(join(backups, copies[1]), 'SELECT count(*) FROM parcels'), scalar(db, 'SELECT count(*) FROM parcels'));
  assert.equal(readFileSync(join(backups, 'media', 'ab12.jpg'), 'utf8'), 'photo');
  assert.ok(readdirSync(backups).includes('notes.txt'));
  assert.deepEqual(readdirSync(backups).filter((name) => name.endsWith('.part')), [], 'no partial file left');

  const bad = spawnSync(script, { env: { ...env, INVESTMAP_KEEP: 'all' }, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /INVESTMAP_KEEP must be a positive whole number/);
  const missing = spawnSync(script, { env: { ...env, INVESTMAP_DB: join(dir, 'no-such.sqlite') }, encoding: 'utf8' });
  assert.notEqual(missing.status, 0, 'a failed backup fails the service (and shows in systemctl --failed)');
  assert.equal(readdirSync(backups).filter((name) => name.endsWith('.sqlite')).length, 2, 'and removes nothing');
});

test('cmake --install lays out the tree the service runs from, and the server uses it', async (t) => {
  const dir = workdir(t);
  const build = dirname(dirname(INVESTMAP));
  const prefix = join(dir, 'usr', 'local');
  const install = spawnSync('cmake', ['--install', build, '--prefix', prefix, '--strip'], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stdout + install.stderr);
  for (const file of ['bin/investmap', 'share/investmap/web/index.html', 'share/investmap/web/vendor/maplibre-gl/maplibre-gl.mjs',
    'share/investmap/styles/map.json', 'share/investmap/industries.toml', 'share/investmap/deploy/investmap.service',
    'share/investmap/deploy/investmap-backup.sh', 'share/investmap/deploy/nginx-investmap.conf']) {
    assert.ok(existsSync(join(prefix, file)), `installed ${file}`);
  }
  const server = await startServerBinary(t, [join(prefix, 'bin', 'investmap')], sampleDatabase(dir));
  assert.match(server.log(), new RegExp(`industry profiles: ${join(prefix, 'share/investmap/industries.toml')}`), 'the installed profiles, not the source tree\'s');
  for (const path of ['/', '/vendor/maplibre-gl/maplibre-gl.mjs', '/styles/heat.json', '/admin']) {
    assert.equal((await get(`${server.url}${path}`)).status, 200, path);
  }
});
