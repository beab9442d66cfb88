import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { BASEMAP_PRESETS } from '../../../../src/shared/basemapPresets';
import { translate } from '../../../../src/shared/i18n';
import { tmpDir } from '../../../helpers/tmp';

const t = tmpDir('rejon-presets-');
afterAll(() => t.cleanup());

describe('online basemap presets', () => {
  it('fetch nothing when listed or switched on (saved); the saved source is an ordinary one the registry describes', async () => {
    const fetchSpy = vi.fn(async () => new Response(new Uint8Array(0), { status: 204 }));
    vi.stubGlobal('fetch', fetchSpy);
    const backend = new Backend(path.join(t.dir, 'ws.sqlite'), { create: true });
    try {
      expect(await backend.api.listBasemapSources({})).toEqual([]);
      for (const p of BASEMAP_PRESETS) {
        const entry = await backend.api.saveBasemapSource({ ...p.source, name: translate('pl', p.nameCode) });
        expect(entry.error).toBeNull();
        expect(entry.info).toMatchObject({ type: 'raster', minzoom: p.source.minzoom, maxzoom: p.source.maxzoom, attribution: p.source.attribution });
      }
      const saved = await backend.api.listBasemapSources({});
      expect(saved.map((e) => [e.source.id, e.source.name])).toEqual([
        ['gugik-orto', 'Ortofotomapa (GUGiK, geoportal.gov.pl)'],
        ['gugik-bdot10k', 'Mapa BDOT10k (GUGiK, geoportal.gov.pl)'],
        ['osm', 'OpenStreetMap'],
      ]);
      expect(saved[0].info!.format).toBe('jpg');
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      await backend.close();
      vi.unstubAllGlobals();
    }
  });
});
