// `investmap backup` gives a consistent copy even while another process writes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { GENERATOR, INVESTMAP, generate, investmap, scalar, workdir } from '../helpers.mjs';

test('a backup taken during a large import is a valid database of a committed state', async (t) => {
  const dir = workdir(t);
  const db = join(dir, 'live.sqlite');
  generate('--parcels', '300', '--out', join(dir, 'small.gpkg'), '--seed', '1');
  generate('--parcels', '20000', '--out', join(dir, 'large.gpkg'), '--seed', '2');
  assert.equal(investmap('import', join(dir, 'small.gpkg'), '--db', db).status, 0);

  const writer = spawn(INVESTMAP, ['import', join(dir, 'large.gpkg'), '--db', db, '--replace'], { stdio: 'ignore' });
  const finished = new Promise((resolve) => writer.on('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, 300));  // the writer is mid-transaction
  const result = investmap('backup', '--db', db, '--to', join(dir, 'copy.sqlite'));
  assert.equal(result.status, 0, result.output);
  assert.match(result.stdout, /integrity_check ok/);
  assert.equal(await finished, 0, 'the import still succeeded');

  assert.equal(scalar(join(dir, 'copy.sqlite'), 'PRAGMA integrity_check'), 'ok');
  const copied = scalar(join(dir, 'copy.sqlite'), 'SELECT count(*) FROM parcels');
  assert.ok(copied === 300 || copied === 20000, `a committed state, not ${copied}`);
  assert.equal(GENERATOR.length > 0, true);
});

test('a backup refuses to overwrite a file and to read what is not a database', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'live.sqlite');
  generate('--parcels', '10', '--out', join(dir, 'small.gpkg'));
  assert.equal(investmap('import', join(dir, 'small.gpkg'), '--db', db).status, 0);
  assert.equal(investmap('backup', '--db', db, '--to', join(dir, 'copy.sqlite')).status, 0);
  const again = investmap('backup', '--db', db, '--to', join(dir, 'copy.sqlite'));
  assert.equal(again.status, 1);
  assert.match(again.stderr, /exists already/);
  const notDb = investmap('backup', '--db', join(dir, 'small.gpkg'), '--to', join(dir, 'x.sqlite'));
  assert.equal(notDb.status, 1);
  assert.equal(existsSync(join(dir, 'x.sqlite')), false);
});
