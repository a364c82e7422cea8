// Checks on decoded vector tiles, written from the MVT 2.1 spec (§4.3.4):
// rings closed, exterior rings of positive area (surveyor's formula, y down)
// each followed by its holes of negative area, no ring crossing itself.
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

export function decode(buffer) {
  // A copy at offset 0: pbf reads doubles through a DataView over the whole
  // ArrayBuffer, ignoring the byteOffset of a Buffer cut from Node's pool.
  return new VectorTile(new Pbf(new Uint8Array(buffer)));
}

export function features(tile, layerName) {
  const layer = tile.layers[layerName];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}

export function signedArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  return sum / 2;
}

function segmentsCross(a, b, c, d) {
  const orient = (p, q, r) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;  // a proper crossing; touching is allowed
}

function selfIntersects(ring) {
  const n = ring.length - 1;  // ring is closed: the last point repeats the first
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;  // neighbours through the closing point
      if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

// Problems of one polygon feature, as sentences; [] when it is valid.
export function polygonProblems(feature) {
  const problems = [];
  const rings = feature.loadGeometry();
  if (rings.length === 0) problems.push('no rings');
  rings.forEach((ring, index) => {
    const first = ring[0], last = ring[ring.length - 1];
    if (ring.length < 4 || first.x !== last.x || first.y !== last.y) problems.push(`ring ${index} is not a closed ring of 3+ points`);
    const area = signedArea(ring);
    if (area === 0) problems.push(`ring ${index} has no area`);
    if (index === 0 && area < 0) problems.push('the first ring is not exterior (negative area)');
    if (selfIntersects(ring)) problems.push(`ring ${index} crosses itself`);
  });
  return problems;
}
