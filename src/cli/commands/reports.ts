import fs from 'node:fs';
import path from 'node:path';
import type { ReportExportFormat } from '../../shared/contract/reports';
import { one, parseArgs, UsageError } from '../args';
import { FILTER_OPTIONS, parseFilterArgs } from '../filterArgs';
import { out, writeFileAtomic } from '../output';
import { resolveBeats } from './briefing';

export const usage = `reports --workspace W --out FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--category C]... [--status S]...
                [--district NAME]... [--with-descriptions] [--format gpkg|geojson|csv]
         Write the filtered reports for QGIS/ArcGIS, format by the extension of --out: .gpkg GeoPackage (points in
         EPSG:2180), .geojson (WGS84, RFC 7946), .csv (';', UTF-8 with BOM, cells that start with = + - @ escaped).
         Each report: source_id (the source's report number), category, status, created (ISO 8601, Warsaw local
         time with offset), lon/lat (WGS84), x/y (EPSG:2180; gpkg, csv), beat, source (kind of the import its
         content comes from). Descriptions (police-only, may hold personal data) only with --with-descriptions.
         Filters as in stats (--to inclusive); --district picks beats by name (repeatable).`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace', 'out', 'district', 'format', ...FILTER_OPTIONS], flags: ['with-descriptions', 'json'] });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('reports needs --workspace FILE');
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const outArg = one(args, 'out');
  if (!outArg) throw new UsageError('reports needs --out FILE (.gpkg, .geojson or .csv)');
  const file = path.resolve(outArg);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { REPORT_EXPORT_FORMATS, reportExportFormatOf }, { langFromEnv, translate }] = await Promise.all([
    import('../../backend/backend'), import('../../shared/contract/reports'), import('../../shared/i18n'),
  ]);
  const lang = langFromEnv(process.env);
  const given = one(args, 'format');
  if (given !== undefined && !(REPORT_EXPORT_FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format must be gpkg, geojson or csv, got "${given}"`);
  const format = (given as ReportExportFormat | undefined) ?? reportExportFormatOf(file);
  if (!format) throw new UsageError(translate(lang, 'provenance.export.unknownFormat', { file: path.basename(file) }));
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`the folder of --out does not exist: ${dir}`);
  const filter = parseFilterArgs(args);
  const started = performance.now();
  const backend = new Backend(null, {});
  try {
    // through the contract, read-only (a read-only file is fine)
    await backend.api.openWorkspace({ path: path.resolve(workspace), readOnly: true });
    const names = args.options.get('district') ?? [];
    const districtIds = names.length ? resolveBeats(names, await backend.api.listDistricts({})) : [];
    const bytes = await backend.api.exportReports({
      filter: { ...filter, ...(districtIds.length ? { districtIds } : {}) },
      format,
      withDescriptions: args.flags.has('with-descriptions'),
    });
    writeFileAtomic(file, bytes);
    const seconds = Math.round(performance.now() - started) / 1000;
    if (args.flags.has('json')) out(JSON.stringify({ file, format, bytes: bytes.byteLength, seconds }));
    else out(translate(lang, 'provenance.export.done', { file, format, bytes: bytes.byteLength, seconds }));
    return 0;
  } finally {
    await backend.close();
  }
}

