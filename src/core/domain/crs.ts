import proj4 from 'proj4';

/** EPSG:2180 (PUWG 1992), DOMAIN.md §4. Note k = 0.9993 exactly. */
export const EPSG2180 =
  '+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

const converter = proj4('EPSG:4326', EPSG2180);

/** WGS84 lon/lat -> EPSG:2180 [easting, northing] in metres. */
export function toPuwg92(lon: number, lat: number): [number, number] {
  const [e, n] = converter.forward([lon, lat]);
  return [e, n];
}

/** EPSG:2180 [easting, northing] -> WGS84 [lon, lat]. */
export function fromPuwg92(easting: number, northing: number): [number, number] {
  const [lon, lat] = converter.inverse([easting, northing]);
  return [lon, lat];
}

/** Bounds of Poland in both systems (DOMAIN.md §4), slightly padded. */
export const POLAND_WGS84 = { minLon: 14.07, maxLon: 24.2, minLat: 49.0, maxLat: 54.9 } as const;
export const POLAND_2180 = { minE: 170000, maxE: 870000, minN: 130000, maxN: 780000 } as const;

export function inPolandWgs84(lon: number, lat: number): boolean {
  return lon >= POLAND_WGS84.minLon && lon <= POLAND_WGS84.maxLon && lat >= POLAND_WGS84.minLat && lat <= POLAND_WGS84.maxLat;
}

export function inPoland2180(easting: number, northing: number): boolean {
  return easting >= POLAND_2180.minE && easting <= POLAND_2180.maxE && northing >= POLAND_2180.minN && northing <= POLAND_2180.maxN;
}

export type CoordinateKind = 'wgs84' | 'wgs84-swapped' | 'puwg92' | 'puwg92-swapped' | 'puwg92-ambiguous' | 'unknown';

/**
 * Classify one coordinate pair as read from columns (a, b) = ("X"/"lon"-ish column, "Y"/"lat"-ish column).
 * 'puwg92' means a = easting, b = northing; 'puwg92-swapped' means a = northing (Polish surveying "X"), b = easting.
 */
export function classifyPair(a: number, b: number): CoordinateKind {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'unknown';
  if (inPolandWgs84(a, b)) return 'wgs84';
  if (inPolandWgs84(b, a)) return 'wgs84-swapped';
  // The easting and northing ranges overlap (171k-862k vs 133k-775k); a pair that fits both
  // orders is decided by the whole column (see detectCoordinateKind), here we prefer the order
  // whose point is inside the land bounds after conversion.
  const straight = inPoland2180(a, b);
  const swapped = inPoland2180(b, a);
  if (straight && !swapped) return 'puwg92';
  if (swapped && !straight) return 'puwg92-swapped';
  if (straight && swapped) {
    const [lon1, lat1] = fromPuwg92(a, b);
    const [lon2, lat2] = fromPuwg92(b, a);
    const ok1 = inPolandWgs84(lon1, lat1);
    const ok2 = inPolandWgs84(lon2, lat2);
    if (ok1 && !ok2) return 'puwg92';
    if (ok2 && !ok1) return 'puwg92-swapped';
    // Truly ambiguous by range alone (most of Poland is): callers must decide with other evidence
    // (TERYT voivodeship, existing data, header convention). Default to the Esri order x = easting.
    return 'puwg92-ambiguous';
  }
  return 'unknown';
}

/**
 * Decide the coordinate system of a whole column pair by majority vote over sample rows,
 * so a few broken rows do not flip the interpretation of a file.
 */
export function detectCoordinateKind(samples: Iterable<[number, number]>): CoordinateKind {
  const votes = new Map<CoordinateKind, number>();
  for (const [a, b] of samples) {
    const k = classifyPair(a, b);
    if (k !== 'unknown') votes.set(k, (votes.get(k) ?? 0) + 1);
  }
  // Unambiguous rows decide; ambiguous ones only count when nothing else is known.
  const straight = votes.get('puwg92') ?? 0;
  const swapped = votes.get('puwg92-swapped') ?? 0;
  const ambiguous = votes.get('puwg92-ambiguous') ?? 0;
  votes.delete('puwg92-ambiguous');
  if (straight + swapped === 0 && ambiguous > 0) votes.set('puwg92-ambiguous', ambiguous);
  let best: CoordinateKind = 'unknown';
  let bestVotes = 0;
  for (const [k, v] of votes) if (v > bestVotes) { best = k; bestVotes = v; }
  return best;
}

/** Convert a pair read as `kind` to WGS84 lon/lat. */
export function pairToWgs84(a: number, b: number, kind: CoordinateKind): [number, number] | undefined {
  switch (kind) {
    case 'wgs84': return [a, b];
    case 'wgs84-swapped': return [b, a];
    case 'puwg92':
    case 'puwg92-ambiguous': return fromPuwg92(a, b);
    case 'puwg92-swapped': return fromPuwg92(b, a);
    default: return undefined;
  }
}
