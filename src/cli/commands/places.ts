import path from 'node:path';
import { Backend } from '../../backend/backend';
import type { AxisOrder } from '../../core/import/coordinates';
import type { Msg } from '../../core/message';
import { RejonError, type JobState } from '../../shared/contract';
import type { PlacesImportResult } from '../../shared/contract/places';
import { langFromEnv, translate } from '../../shared/i18n';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `places import FILE --workspace W [--name-field F] [--kind-field F] [--xy easting-northing|northing-easting]
                [--mode replace|add] [--json]
         Import named places and/or street centrelines: GeoJSON points and lines with a name property (WGS84
         or EPSG:2180), or a CSV of named places with lon/lat or EPSG:2180 x/y columns. One transaction; bad
         rows are skipped and listed with row, field and reason. When several fields may hold the name (name,
         nazwa, ulica, NAZWA_ULICY…) and they differ, --name-field decides (exit 4 without it). A CSV whose X/Y
         order nothing decides is refused (exit 5) and --xy decides. --mode replace (default) drops the layers
         imported before; the demo's places stay. --json prints {"places":N,"streets":N,"rejected":N,...}.
       places list --workspace W [--json]      Imported layers (and the demo's places).
       places clear --workspace W [--layer ID] [--demo] [--json]
         Remove one imported layer (--layer), every imported layer (no option), or the demo's places (--demo).
       places nearest --workspace W --lon LON --lat LAT [--max-m M] [--json]
         The nearest named street or place (a street within 30 m wins), e.g. "ul. Słowackiego".`;

const AXIS: Record<string, AxisOrder> = {
  'easting-northing': 'easting-northing', 'northing-easting': 'northing-easting', 'lon-lat': 'easting-northing', 'lat-lon': 'northing-easting',
};

async function waitForJob(backend: Backend, jobId: string, json: boolean): Promise<JobState> {
  let last = -1;
  for (;;) {
    const j = await backend.api.getJob({ jobId });
    if (j.state !== 'running') return j;
    if (!json && process.stderr.isTTY && Math.round(j.progress * 100) !== last) {
      last = Math.round(j.progress * 100);
      process.stderr.write(`\r${last}%`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!['import', 'list', 'clear', 'nearest'].includes(sub ?? '')) throw new UsageError(`places needs a subcommand: import, list, clear or nearest${sub ? ` (got "${sub}")` : ''}`);
  const args = parseArgs(rest, { values: ['workspace', 'name-field', 'kind-field', 'xy', 'mode', 'layer', 'lon', 'lat', 'max-m'], flags: ['json', 'demo'] });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError(`places ${sub} needs --workspace FILE`);
  const json = args.flags.has('json');
  const lang = langFromEnv(process.env);
  const tr = (m: Msg) => translate(lang, m);
  const backend = new Backend(path.resolve(workspace), { trustedPaths: true });
  try {
    if (sub === 'list') {
      const layers = await backend.api.listPlaceLayers({});
      if (json) out(JSON.stringify(layers));
      else for (const l of layers) out(`${l.id}\t${l.source}\t${l.fileName ?? '-'}\t${l.places} places\t${l.streets} street lines`);
      return 0;
    }
    if (sub === 'clear') {
      const layer = one(args, 'layer');
      const layerId = layer === undefined ? undefined : Number(layer);
      if (layerId !== undefined && !(Number.isInteger(layerId) && layerId > 0)) throw new UsageError(`--layer must be a layer id (see places list), got "${layer}"`);
      const r = await backend.api.clearPlaces({ ...(layerId ? { layerId } : {}), ...(args.flags.has('demo') ? { demo: true } : {}) });
      out(json ? JSON.stringify(r) : `removed ${r.layers} layer(s): ${r.places} places, ${r.streets} street lines`);
      return 0;
    }
    if (sub === 'nearest') {
      const lon = Number(one(args, 'lon')), lat = Number(one(args, 'lat'));
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new UsageError('places nearest needs --lon and --lat (WGS84 degrees)');
      const maxArg = one(args, 'max-m');
      const maxM = maxArg === undefined ? 500 : Number(maxArg);
      if (!(maxM > 0 && maxM <= 50_000)) throw new UsageError(`--max-m must be a distance in metres (up to 50000), got "${maxArg}"`);
      const r = await backend.api.nearestNamed({ lon, lat, maxM });
      if (json) out(JSON.stringify(r ? { ...r, text: tr(r.msg) } : null));
      else out(r ? tr(r.msg) : translate(lang, 'places.where.none', { maxM }));
      return 0;
    }
    // import
    if (args.positional.length !== 1) throw new UsageError('places import needs exactly one FILE');
    const file = path.resolve(args.positional[0]);
    const xy = one(args, 'xy');
    if (xy !== undefined && !AXIS[xy]) throw new UsageError(`--xy must be easting-northing or northing-easting (or lon-lat / lat-lon), got "${xy}"`);
    const mode = one(args, 'mode');
    if (mode !== undefined && mode !== 'replace' && mode !== 'add') throw new UsageError(`--mode must be replace or add, got "${mode}"`);
    const nameField = one(args, 'name-field');
    const kindField = one(args, 'kind-field');
    const source = { path: file };
    // The inspection names what would stop the import (ambiguous name field, undecided X/Y order) before any job.
    let insp;
    try {
      insp = await backend.api.inspectPlacesFile({ source, ...(nameField ? { nameField } : {}), ...(xy ? { xy: AXIS[xy] } : {}) });
    } catch (e) {
      if (e instanceof RejonError && e.msg) {
        process.stderr.write(`rejon: ${tr(e.msg)}\n`);
        return 4;
      }
      throw e;
    }
    if (insp.coordinate && !insp.coordinate.decided) {
      process.stderr.write(`rejon: ${translate(lang, 'places.error.xyUndecided', { file: insp.fileName })}\n  ${tr(insp.coordinate.msg)}\n  ${translate(lang, 'coords.refuseHint')}\n`);
      return 5;
    }
    if (!insp.nameField) {
      const code = insp.ambiguous ? 'places.error.nameFieldAmbiguous' : 'places.error.nameFieldNone';
      process.stderr.write(`rejon: ${translate(lang, code, { file: insp.fileName, fields: (insp.ambiguous ? insp.nameCandidates : insp.fields).join(', ') })}\n`);
      return 4;
    }
    const { jobId } = await backend.api.importPlaces({
      source,
      nameField: insp.nameField,
      ...(kindField ? { kindField } : {}),
      ...(xy ? { xy: AXIS[xy] } : {}),
      ...(mode ? { mode } : {}),
    });
    const job = await waitForJob(backend, jobId, json);
    if (!json && process.stderr.isTTY) process.stderr.write('\r');
    if (job.state !== 'done') {
      process.stderr.write(`rejon: ${job.errorMsg ? tr(job.errorMsg as Msg) : job.error ?? job.state}\n`);
      return job.state === 'failed' && job.errorMsg ? 4 : 1;
    }
    const r = job.result as PlacesImportResult;
    if (json) {
      out(JSON.stringify({
        layerId: r.layerId, places: r.places, streets: r.streets, streetNames: r.streetNames, rejected: r.rejected, crs: r.crs, nameField: r.nameField, mode: r.mode,
        removed: r.removed, durationMs: r.durationMs, coordinate: r.coordinate ? tr(r.coordinate) : null,
        rejections: r.rejections.map((x) => ({ row: x.row, field: x.field, reason: tr(x.msg) })),
      }));
    } else {
      out(`${path.basename(file)}: ${r.places} places, ${r.streets} street lines (${r.streetNames} names); name field "${r.nameField}", ${r.crs}; ${r.rejected} rejected`);
      if (r.coordinate) out(`  ${tr(r.coordinate)}`);
      for (const x of r.rejections.slice(0, 20)) out(`  ${tr(x.msg)}`);
      if (r.rejected > 20) out(`  … ${r.rejected - 20} more`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}
