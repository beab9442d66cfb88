import path from 'node:path';
import type { ImportSummary } from '../../backend/import/importFile';
import type { AxisOrder } from '../../core/import/coordinates';
import { openWorkspace, settleWorkspaceFile } from '../../backend/store/workspace';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';
import { IMPORT_PROVENANCE_KINDS, type ImportProvenanceKind } from '../../core/provenance';

export const usage = `import FILE... --workspace W [--source kmzb-police|kmzb-public|other] [--provenance TEXT]
         [--preset NAME] [--save-preset NAME] [--xy easting-northing|northing-easting] [--outside keep|quarantine] [--json]
         Import KMZB exports (CSV/TSV, XLSX, GeoJSON, Esri JSON). Each file is one transaction;
         bad rows go to quarantine. Exit 0 when the files were read (even with rejected rows).
         The X/Y order is never guessed: when the file, the workspace's territory, beats and reports,
         TERYT and the preset do not decide it, the file is refused (exit 5, nothing written) and
         --xy decides: easting-northing = X holds the easting (or longitude), northing-easting =
         X holds the northing (or latitude; Polish surveying order). lon-lat / lat-lon are accepted
         as the same two values. --outside: reports outside the workspace's territory are kept and
         flagged (default) or quarantined. --source says where the file comes from (police system export,
         public map, other) and --provenance adds free text; briefings and exports name the sources of the
         reports they count. Without --source the source the preset remembers is used, else "other". Both are
         remembered with the preset. W must exist (create it with "rejon new") and must not be
         the demo workspace (exit 3).`;

const AXIS: Record<string, AxisOrder> = {
  'easting-northing': 'easting-northing', 'northing-easting': 'northing-easting', 'lon-lat': 'easting-northing', 'lat-lon': 'northing-easting',
};

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace', 'preset', 'save-preset', 'provenance', 'xy', 'outside', 'source'], flags: ['json'] });
  const source = one(args, 'source');
  if (source !== undefined && !(IMPORT_PROVENANCE_KINDS as readonly string[]).includes(source)) {
    throw new UsageError(`--source must be ${IMPORT_PROVENANCE_KINDS.join(', ')}; got "${source}"`);
  }
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('import needs --workspace FILE');
  if (args.positional.length === 0) throw new UsageError('import needs at least one FILE');
  const xy = one(args, 'xy');
  if (xy !== undefined && !AXIS[xy]) throw new UsageError(`--xy must be easting-northing or northing-easting (or lon-lat / lat-lon), got "${xy}"`);
  const outside = one(args, 'outside');
  if (outside !== undefined && outside !== 'keep' && outside !== 'quarantine') throw new UsageError(`--outside must be keep or quarantine, got "${outside}"`);
  const options = {
    ...(xy ? { axisOrder: AXIS[xy] } : {}),
    ...(outside ? { outsideTerritory: outside as 'keep' | 'quarantine' } : {}),
  };
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ CoordinateOrderError, importFile, ImportError }, { kindKey }, { langFromEnv, translate }, { jobWaitMsg }, { kindLabel }] = await Promise.all([
    import('../../backend/import/importFile'), import('../../core/import/coordinates'), import('../../shared/i18n'), import('../../shared/concurrency'), import('../../shared/provenance'),
  ]);
  const lang = langFromEnv(process.env);
  // Fail early and clearly on a workspace that cannot be used: missing (never created here: `rejon new`),
  // the demo (synthetic data only), damaged, foreign, newer or read-only.
  const { checkImportTarget } = await import('../workspaceArg');
  checkImportTarget(workspace);
  openWorkspace(workspace).close(); // (a plain close: a refused import leaves the file byte for byte as it was)
  const json = args.flags.has('json');
  const totals = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejections: { file: string; row: number; field: string; reason: string; message: string }[] = [];
  const summaries: ImportSummary[] = [];
  let lastPrint = 0;
  for (const file of args.positional) {
    let summary: ImportSummary;
    try {
      summary = await importFile(
        path.resolve(workspace),
        {
          path: path.resolve(file), presetName: one(args, 'preset'), savePresetAs: one(args, 'save-preset'), provenance: one(args, 'provenance'),
          ...(Object.keys(options).length ? { options } : {}),
          provenanceKind: source as ImportProvenanceKind | undefined,
        },
        {
          progress: (f, message) => {
            // Another process is writing the workspace: say so once (the import starts when it has finished).
            const waiting = jobWaitMsg(message);
            if (waiting) {
              if (!json) process.stderr.write(`rejon: ${path.basename(file)}: ${translate(lang, waiting)}\n`);
              return;
            }
            const now = Date.now();
            if (!json && process.stderr.isTTY && now - lastPrint > 250) {
              lastPrint = now;
              process.stderr.write(`\r${path.basename(file)}: ${Math.round(f * 100)}%`);
            }
          },
          throwIfCancelled: () => {},
        },
      );
    } catch (e) {
      if (e instanceof CoordinateOrderError) {
        // Nothing of this file was written; say why in the user's language and name the option that decides.
        process.stderr.write(`rejon: ${translate(lang, e.msg!)}\n  ${translate(lang, e.decision.msg)}\n`);
        for (const ev of e.decision.evidence) {
          if (ev.verdict === 'none' && ev.straight === 0 && ev.swapped === 0) continue;
          process.stderr.write(`  - ${translate(lang, 'coords.source', { source: ev.source })}: ${translate(lang, 'coords.evidence.row', { straight: ev.straight, swapped: ev.swapped, checked: ev.checked })}\n`);
        }
        process.stderr.write(`  ${translate(lang, 'coords.refuseHint')}\n`);
        if (summaries.length > 0) process.stderr.write(`rejon: ${summaries.map((x) => x.fileName).join(', ')} imported before this file\n`);
        return 5;
      }
      if (e instanceof ImportError) {
        process.stderr.write(`rejon: ${e.msg ? translate(lang, e.msg) : e.message}\n`);
        return 4;
      }
      throw e;
    }
    if (!json && process.stderr.isTTY) process.stderr.write('\r');
    summaries.push(summary);
    totals.inserted += summary.inserted;
    totals.updated += summary.updated;
    totals.unchanged += summary.unchanged;
    totals.rejected += summary.rejected;
    for (const r of summary.rejections) rejections.push({ file: summary.fileName, row: r.row, field: r.column ?? r.field, reason: r.reason, message: r.message });
    if (!json) {
      out(`${summary.fileName}: ${summary.rows} rows in ${(summary.durationMs / 1000).toFixed(1)} s (${Math.round(summary.rowsPerSecond).toLocaleString('en')} rows/s)`);
      out(`  inserted ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`);
      if (summary.nothingChanged) out('  nothing changed in the workspace' + (summary.sameFileAs ? ` (same file as import #${summary.sameFileAs.importId})` : ''));
      out(`  ${translate(lang, 'provenance.import.cliSource', { kind: kindLabel(lang, summary.provenanceKind), text: summary.provenance ?? '', hasText: summary.provenance ? 'yes' : 'no' })}`);
      out(`  ${translate(lang, 'coords.cli.line', { label: translate(lang, 'coords.kind', { kind: kindKey(summary.coordinateKind as never) }), why: translate(lang, summary.coordinate.msg) })}`);
      for (const w of summary.warnings) out(`  ${translate(lang, w)}`);
      if (summary.territory) out(`  ${translate(lang, summary.territory.msg)}`);
      for (const u of summary.unknownCategories) out(`  unknown category kept: "${u.name}" (${u.count})`);
      for (const r of summary.rejections.slice(0, 20)) out(`  row ${r.row}, ${r.column ?? r.field}: ${r.message}`);
      if (summary.rejected > 20) out(`  … ${summary.rejected - 20} more rejected rows in quarantine`);
    }
  }
  // leave the file at rest as one self-contained file (rollback journal), readable from read-only places
  settleWorkspaceFile(workspace);
  if (json) out(JSON.stringify({ ...totals, rejections, files: summaries.map((s) => ({ file: s.fileName, importId: s.importId, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, nothingChanged: s.nothingChanged, unknownCategories: s.unknownCategories, coordinateKind: s.coordinateKind, coordinateDecidedBy: s.coordinate.decidedBy, outsideTerritory: s.territory?.outside ?? null, outsideAction: s.territory?.action ?? null, source: s.provenanceKind, provenance: s.provenance })) }));
  return 0;
}
