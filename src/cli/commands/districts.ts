import path from 'node:path';
import { openWorkspace, settleWorkspaceFile } from '../../backend/store/workspace';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `districts import FILE --workspace W [--name-field F] [--officer-field F] [--unit-field F]
                   [--mode replace|add] [--kind city|rural|TEXT] [--json]
         Import beat districts (GeoJSON in WGS84 or EPSG:2180, zipped Shapefile with .prj, KML/KMZ), validate
         them and re-assign every report, all in one transaction. Without --name-field the name column is
         guessed (NAZWA, name, rejon…), likewise officer (DZIELNICOWY…) and unit (JEDNOSTKA…). --mode replace (default) drops the current beats. Errors (self-
         intersections, missing or duplicate names) abort with exit 4 and leave the workspace unchanged;
         overlaps and gaps are warnings. --json prints {"districts":N,"assigned":N,"outside":N,...}.
         W must exist (create it with "rejon new") and must not be the demo workspace (exit 3).
       districts check FILE [--name-field F] [--json]
         Read and validate a beat file without importing it (fields, CRS, issues).`;

function issueLines(v: { issues: { severity: string; message: string }[]; truncated: number }): string[] {
  const lines = v.issues.map((i) => `  ${i.severity === 'error' ? 'ERROR  ' : 'warning'} ${i.message}`);
  if (v.truncated > 0) lines.push(`  … ${v.truncated} more`);
  return lines;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'import' && sub !== 'check') throw new UsageError(`districts needs a subcommand: import or check${sub ? ` (got "${sub}")` : ''}`);
  const args = parseArgs(rest, { values: ['workspace', 'name-field', 'officer-field', 'unit-field', 'mode', 'kind'], flags: ['json'] });
  if (args.positional.length !== 1) throw new UsageError(`districts ${sub} needs exactly one FILE`);
  const file = path.resolve(args.positional[0]);
  const json = args.flags.has('json');
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const { DistrictOpError, importDistricts, inspectDistrictFile } = await import('../../backend/districts/service');
  try {
    if (sub === 'check') {
      const r = await inspectDistrictFile(file, path.basename(file), { nameField: one(args, 'name-field') });
      if (json) out(JSON.stringify({ ...r, outlines: undefined, preview: undefined }));
      else {
        out(`${r.fileName}: ${r.format}, ${r.featureCount} beats, CRS ${r.crs} (${r.crsSource})`);
        out(`  fields: ${r.fields.join(', ')}`);
        out(`  suggested: name=${r.suggested.nameField ?? '?'} officer=${r.suggested.officerField ?? '-'} unit=${r.suggested.unitField ?? '-'}`);
        for (const w of r.warnings) out(`  note: ${w}`);
        out(r.validation.issues.length === 0 ? '  no problems found' : `  ${r.validation.issues.length} issue(s):`);
        for (const l of issueLines(r.validation)) out(l);
      }
      return r.validation.ok ? 0 : 4;
    }
    const workspace = one(args, 'workspace');
    if (!workspace) throw new UsageError('districts import needs --workspace FILE');
    (await import('../workspaceArg')).checkImportTarget(workspace);
    const mode = one(args, 'mode') ?? 'replace';
    if (mode !== 'replace' && mode !== 'add') throw new UsageError(`--mode must be replace or add, got "${mode}"`);
    let nameField = one(args, 'name-field');
    let officerField = one(args, 'officer-field');
    let unitField = one(args, 'unit-field');
    if (!nameField || officerField === undefined || unitField === undefined) {
      const insp = await inspectDistrictFile(file, path.basename(file), { skipTopology: true });
      nameField ??= insp.suggested.nameField ?? undefined;
      if (!nameField) throw new UsageError(`cannot guess the name field; pass --name-field (fields: ${insp.fields.join(', ') || 'none'})`);
      officerField ??= insp.suggested.officerField ?? undefined;
      unitField ??= insp.suggested.unitField ?? undefined;
    }
    for (const [opt, v] of [['officer-field', officerField], ['unit-field', unitField]] as const) if (v === '') throw new UsageError(`--${opt} needs a field name`);
    const db = openWorkspace(workspace);
    try {
      const r = await importDistricts(db, file, { nameField, officerField, unitField, mode, kind: one(args, 'kind') });
      if (json) out(JSON.stringify({ districts: r.districts, assigned: r.assigned, outside: r.outside, changed: r.changed, mode: r.mode, issues: r.validation.issues.length }));
      else {
        out(`${path.basename(file)}: ${r.districts} beats imported (${mode}; fields: name "${nameField}", officer ${officerField ? `"${officerField}"` : '-'}, unit ${unitField ? `"${unitField}"` : '-'})`);
        out(`  reports: ${r.assigned} in beats, ${r.outside} outside all beats (${r.changed} changed beat)`);
        if (r.validation.issues.length > 0) out(`  ${r.validation.issues.length} warning(s):`);
        for (const l of issueLines(r.validation)) out(l);
      }
    } finally {
      db.close();
    }
    // imported: leave the file at rest in rollback-journal mode (a failed import leaves it byte for byte as it was)
    settleWorkspaceFile(workspace);
    return 0;
  } catch (e) {
    if (e instanceof DistrictOpError) {
      process.stderr.write(`rejon: ${e.message}\n`);
      return 4;
    }
    throw e;
  }
}
