import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildVoivodeshipIndex, type PolygonFeatureCollection, type VoivodeshipIndex } from '../../../../src/core/import';

export const VOIVODESHIPS_PATH = fileURLToPath(new URL('../../../../resources/boundaries/wojewodztwa-min.geojson', import.meta.url));

let cached: VoivodeshipIndex | null = null;
export function voivodeships(): VoivodeshipIndex {
  cached ??= buildVoivodeshipIndex(JSON.parse(readFileSync(VOIVODESHIPS_PATH, 'utf8')) as PolygonFeatureCollection);
  return cached;
}
