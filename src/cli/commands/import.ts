import path from 'node:path';
import { importFile, ImportError, type ImportSummary } from '../../backend/import/importFile';
import { openWorkspace } from '../../backend/store/workspace';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `import FILE... --workspace W [--preset NAME] [--save-preset NAME] [--provenance TEXT] [--json]
         Import KMZB exports (CSV/TSV, XLSX, GeoJSON, Esri JSON). Each file is one transaction;
         bad rows go to quarantine. Exit 0 when the files were read (even with rejected rows).`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace', 'preset', 'save-preset', 'provenance'], flags: ['json'] });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('import needs --workspace FILE');
  if (args.positional.length === 0) throw new UsageError('import needs at least one FILE');
  // Fail early and clearly on a workspace that cannot be opened.
  openWorkspace(workspace).close();
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
        { path: path.resolve(file), presetName: one(args, 'preset'), savePresetAs: one(args, 'save-preset'), provenance: one(args, 'provenance') },
        {
          progress: (f) => {
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
      if (e instanceof ImportError) {
        process.stderr.write(`rejon: ${e.message}\n`);
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
      out(`  coordinates: ${summary.coordinateExplanation}`);
      for (const u of summary.unknownCategories) out(`  unknown category kept: "${u.name}" (${u.count})`);
      for (const r of summary.rejections.slice(0, 20)) out(`  row ${r.row}, ${r.column ?? r.field}: ${r.message}`);
      if (summary.rejected > 20) out(`  … ${summary.rejected - 20} more rejected rows in quarantine`);
    }
  }
  if (json) out(JSON.stringify({ ...totals, rejections, files: summaries.map((s) => ({ file: s.fileName, importId: s.importId, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, nothingChanged: s.nothingChanged, unknownCategories: s.unknownCategories, coordinateKind: s.coordinateKind })) }));
  return 0;
}
