import { openWorkspace } from '../../backend/store/workspace';
import { formatWarsaw } from '../../core/domain/time';
import { one, parseArgs, UsageError } from '../args';
import { dayArg, parseFilterArgs } from '../filterArgs';
import { out } from '../output';

export const usage = `stats  --workspace W [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--category C]... [--status S]...
                [--previous-from YYYY-MM-DD --previous-to YYYY-MM-DD] [--alpha A] [--json [--with-outside] [--with-whole]]
         Per-beat statistics: reports, rate per km², confirmed share, change against the previous period
         (by default the period of equal length just before) with an exact Poisson test p-value. Dates are
         Europe/Warsaw local days; --to and --previous-to are INCLUSIVE (--to 2025-06-30 counts June 30).
         Without --from/--to the data range is split in half: the later half is compared with the earlier.
         Categories and statuses are matched tolerantly (case, Polish letters, old spellings); unknown names
         are an error (exit 2). --json prints an array with one object per beat (name, count, confirmed,
         previousCount, changePct, pValue, …); --with-outside appends {"id": -1, "outside": true, …} for the
         reports outside all beats; --with-whole appends {"id": -3, "whole": true, …} for the whole command (every report inside
         the territory; rate per km² over the territory, else the union of beats) and {"id": -2,
         "outsideTerritory": true, …} for the reports outside the territory (when it is set).`;

function fmt(x: number | null, digits: number): string {
  return x == null ? '–' : x.toFixed(digits);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace', 'from', 'to', 'category', 'status', 'previous-from', 'previous-to', 'alpha'], flags: ['json', 'with-outside', 'with-whole'] });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('stats needs --workspace FILE');
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const filter = parseFilterArgs(args);
  const { categories = [], statuses = [] } = filter;
  const previousFrom = dayArg(args, 'previous-from', false);
  const previousTo = dayArg(args, 'previous-to', true);
  if ((previousFrom === undefined) !== (previousTo === undefined)) throw new UsageError('give both --previous-from and --previous-to, or neither');
  const alphaText = one(args, 'alpha');
  const alpha = alphaText === undefined ? undefined : Number(alphaText);
  if (alpha !== undefined && !(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be a number between 0 and 1, got "${alphaText}"`);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const { districtStats, DistrictOpError } = await import('../../backend/districts/service');
  const db = openWorkspace(workspace, { readonly: true });
  try {
    const r = districtStats(db, {
      filter,
      previousFrom, previousTo, alpha,
    });
    const rows = [...r.beats, r.outside, r.whole, ...(r.outsideTerritory ? [r.outsideTerritory] : [])];
    if (args.flags.has('json')) {
      const picked = [...r.beats, ...(args.flags.has('with-outside') ? [r.outside] : []), ...(args.flags.has('with-whole') ? [r.whole, ...(r.outsideTerritory ? [r.outsideTerritory] : [])] : [])];
      out(JSON.stringify(picked.map((b) => ({
        id: b.id, name: b.id < 0 ? null : b.name, outside: b.id === -1, whole: b.id === -3, outsideTerritory: b.id === -2, officer: b.officer, unit: b.unit, areaKm2: b.areaKm2,
        count: b.count, ratePerKm2: b.ratePerKm2, confirmed: b.confirmed, confirmedShare: b.confirmedShare,
        previousCount: b.previousCount, change: b.change, changePct: b.changePct, pValue: b.pValue, significant: b.significant,
        medianVerificationHours: b.medianVerificationHours, topCategories: b.topCategories.map((c) => ({ name: c.name, count: c.count })),
        from: r.from, to: r.to, previousFrom: r.previousFrom, previousTo: r.previousTo,
      }))));
      return 0;
    }
    const end = (t: number) => formatWarsaw(t - 1, false);
    out(`Period ${formatWarsaw(r.from, false)} – ${end(r.to)} vs ${formatWarsaw(r.previousFrom, false)} – ${end(r.previousTo)}; ${r.total} reports, ${r.outside.count} outside all beats${r.outsideTerritory ? `, ${r.outsideTerritory.count} outside the territory` : ''}`);
    if (categories.length) out(`Categories: ${categories.join(', ')}`);
    if (statuses.length) out(`Statuses: ${statuses.join(', ')}`);
    const head = ['beat', 'count', 'per km²', 'confirmed', 'previous', 'change %', 'p-value', 'median h'];
    const table = rows.map((b) => [
      b.id === -1 ? '(outside all beats)' : b.id === -3 ? `whole command${r.areaSource ? ` (area: ${r.areaSource})` : ''}` : b.id === -2 ? '(outside the territory)' : b.name, String(b.count), fmt(b.ratePerKm2, 1), b.confirmedShare == null ? '–' : `${Math.round(100 * b.confirmedShare)}%`,
      String(b.previousCount), b.changePct == null ? '–' : `${b.changePct >= 0 ? '+' : ''}${b.changePct.toFixed(0)}%`,
      `${b.pValue < 0.001 ? '<0.001' : b.pValue.toFixed(3)}${b.significant ? ' *' : ''}`, fmt(b.medianVerificationHours, 1),
    ]);
    const widths = head.map((h, k) => Math.max(h.length, ...table.map((row) => row[k].length)));
    const line = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
    out(line(head));
    for (const row of table) out(line(row));
    out(`* p < ${r.alpha} (exact Poisson test of the change, per beat, no multiple-comparison correction)`);
    return 0;
  } catch (e) {
    if (e instanceof DistrictOpError) {
      process.stderr.write(`rejon: ${e.message}\n`);
      return 4;
    }
    throw e;
  } finally {
    db.close();
  }
}
