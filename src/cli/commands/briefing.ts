import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../backend/backend';
import type { DistrictRow } from '../../backend/store/districts';
import { lastDays, lastHours, latestFullPeriod, nextShift } from '../../core/briefing/periods';
import { dayText } from '../filterArgs';
import { matchCategory } from '../../core/domain/categories';
import { matchStatus } from '../../core/domain/statuses';
import { foldText } from '../../core/domain/text';
import { warsawParts } from '../../core/domain/time';
import type { BriefingRequest, BriefingTemplate, PublicOptions } from '../../shared/contract/briefing';
import { int, one, parseArgs, UsageError } from '../args';
import { out, writeFileAtomic } from '../output';

export const usage = `briefing --workspace W --out FILE [--district NAME]... [--from YYYY-MM-DD --to YYYY-MM-DD]
                [--compare-from D --compare-to D] [--public [--threshold N] [--hex-size M]] [--template NAME]
                [--lang pl|en] [--title TEXT] [--category C]... [--status S]...
                [--format pdf|csv|xlsx|geojson] [--table beats|hotspots]
                [--last 24h|7d | --next-shift] [--hours 18-22,0-2] [--weekdays 5,6]
         Write a briefing: by default the PDF of the same pages as the app (A4 landscape, headless Chromium;
         REJON_CHROMIUM names the browser, default /usr/bin/chromium). --district (repeatable) picks beats by
         name (case and Polish letters do not matter; "Rejon 3" is enough for "Rejon 3 – Dworzec"); without it
         the whole command. Dates are Warsaw days, --to inclusive; the comparison period defaults to the one of
         equal length just before. --public makes the public version (aggregates only, counts below --threshold,
         default 3, hidden). --template applies a saved template (sections, beats, filters, public); without
         --from/--to its period kind gives the latest complete month/quarter/half-year/year of the data.
         --format csv|xlsx (table --table, default beats) or geojson (hotspots; hexagons with --public), by default
         from the extension of --out.
         --last 24h|7d counts back from now (Europe/Warsaw, the current hour in full); --next-shift looks at the
         last 7 days at the hours of the next shift (7:00/19:00, 12 h). --hours (Warsaw hours, ranges end-exclusive,
         e.g. 18-22 = 18:00–22:00) and --weekdays (1 = Monday … 7 = Sunday) filter the reports; the pages state them.`;

/** "18-22,0-2" → [18,19,20,21,0,1] (end-exclusive ranges, wrapping midnight: "22-2" = 22,23,0,1). */
export function parseHours(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    if (!m) throw new UsageError(`--hours: "${part}" is not an hour or a range like 18-22`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? (a + 1) % 24 : Number(m[2]) % 24;
    if (a > 23 || (m[2] !== undefined && Number(m[2]) > 24)) throw new UsageError(`--hours: "${part}" is outside 0–24`);
    let h = a;
    do { out.add(h); h = (h + 1) % 24; } while (h !== b);
  }
  return [...out].sort((x, y) => x - y);
}

/** "1,5-7" (1 = Monday … 7 = Sunday) → [0, 4, 5, 6] (0 = Monday, as the report filter has them). */
export function parseWeekdays(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([1-7])(?:-([1-7]))?$/.exec(part);
    if (!m) throw new UsageError(`--weekdays: "${part}" is not a day 1–7 (1 = Monday) or a range like 5-7`);
    const a = Number(m[1]), b = Number(m[2] ?? m[1]);
    if (b < a) throw new UsageError(`--weekdays: "${part}" runs backwards`);
    for (let d = a; d <= b; d++) out.add(d - 1);
  }
  return [...out].sort((x, y) => x - y);
}

const FORMATS = ['pdf', 'csv', 'xlsx', 'geojson'] as const;
type Format = (typeof FORMATS)[number];

/** Beat names as a commander types them: case, Polish letters and the part after a dash do not matter. */
export function resolveBeats(names: string[], beats: readonly Pick<DistrictRow, 'id' | 'name'>[]): number[] {
  const list = () => beats.map((b) => `  ${b.name}`).join('\n');
  const ids: number[] = [];
  for (const raw of names) {
    const q = foldText(raw);
    if (!q) throw new UsageError(`--district needs a beat name`);
    const exact = beats.filter((b) => foldText(b.name) === q);
    const head = exact.length ? exact : beats.filter((b) => foldText(b.name.split(/\s+[–—-]\s+/)[0]) === q);
    const partial = head.length ? head : beats.filter((b) => foldText(b.name).includes(q));
    if (partial.length === 0) throw new UsageError(`unknown beat "${raw}". Beats in this workspace:\n${list()}`);
    if (partial.length > 1) throw new UsageError(`beat name "${raw}" is ambiguous: ${partial.map((b) => `"${b.name}"`).join(', ')}`);
    if (!ids.includes(partial[0].id)) ids.push(partial[0].id);
  }
  return ids;
}

function findTemplate(backend: Backend, name: string, { getTemplate, listTemplates }: typeof import('../../backend/briefing/templates')): BriefingTemplate {
  const t = getTemplate(backend.db, name) ?? listTemplates(backend.db).find((x) => foldText(x.name) === foldText(name));
  if (t) return t;
  const names = listTemplates(backend.db).map((x) => `"${x.name}"`);
  throw new UsageError(`no briefing template "${name}" in this workspace (${names.length ? `templates: ${names.join(', ')}` : 'it has no templates'})`);
}

function formatOf(args: ReturnType<typeof parseArgs>, file: string): Format {
  const given = one(args, 'format');
  if (given !== undefined) {
    if (!(FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format must be pdf, csv, xlsx or geojson, got "${given}"`);
    return given as Format;
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  throw new UsageError(`cannot tell the format from "${path.basename(file)}": use a .pdf/.csv/.xlsx/.geojson name or --format`);
}

function checkWritable(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`the folder of --out does not exist: ${dir}`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--out is a folder: ${file}`);
  // a real probe (permission bits say nothing for root or read-only file systems)
  const probe = `${file}.${process.pid}.probe`;
  try {
    fs.closeSync(fs.openSync(probe, 'wx'));
    fs.rmSync(probe, { force: true });
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ['workspace', 'district', 'from', 'to', 'compare-from', 'compare-to', 'out', 'threshold', 'hex-size', 'template', 'lang', 'title', 'category', 'status', 'format', 'table', 'last', 'hours', 'weekdays'],
    flags: ['public', 'next-shift'],
  });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('briefing needs --workspace FILE');
  const outArg = one(args, 'out');
  if (!outArg) throw new UsageError('briefing needs --out FILE (for example --out odprawa.pdf)');
  const file = path.resolve(outArg);
  const format = formatOf(args, file);
  const table = one(args, 'table') ?? 'beats';
  if (table !== 'beats' && table !== 'hotspots') throw new UsageError(`--table must be beats or hotspots, got "${table}"`);
  const lang = one(args, 'lang') ?? 'pl';
  if (lang !== 'pl' && lang !== 'en') throw new UsageError(`--lang must be pl or en, got "${lang}"`);
  let from = dayText(args, 'from');
  let to = dayText(args, 'to');
  const compareFrom = dayText(args, 'compare-from');
  const compareTo = dayText(args, 'compare-to');
  if ((compareFrom === undefined) !== (compareTo === undefined)) throw new UsageError('give both --compare-from and --compare-to, or neither');
  if (compareFrom && compareTo && compareFrom > compareTo) throw new UsageError(`--compare-from (${compareFrom}) is after --compare-to (${compareTo})`);
  if ((from === undefined) !== (to === undefined)) throw new UsageError('give both --from and --to');
  const last = one(args, 'last');
  const nextShiftFlag = args.flags.has('next-shift');
  if ([from !== undefined, last !== undefined, nextShiftFlag].filter(Boolean).length > 1) throw new UsageError('give one of --from/--to, --last or --next-shift');
  if (last !== undefined && last !== '24h' && last !== '7d') throw new UsageError(`--last must be 24h or 7d, got "${last}"`);
  let hours = one(args, 'hours') !== undefined ? parseHours(one(args, 'hours')!) : undefined;
  const weekdays = one(args, 'weekdays') !== undefined ? parseWeekdays(one(args, 'weekdays')!) : undefined;
  let hourBounds: { fromHour: number; toHour: number } | null = null;
  if (last !== undefined || nextShiftFlag) {
    const now = Date.now();
    const p = last === '24h' ? lastHours(now) : last === '7d' ? lastDays(now) : nextShift(now).period;
    if (nextShiftFlag) {
      const shiftHours = nextShift(now).hours;
      hours = hours ? hours.filter((h) => shiftHours.includes(h)) : shiftHours;
    }
    from = p.from;
    to = p.to;
    hourBounds = { fromHour: p.fromHour, toHour: p.toHour };
  }
  if (from && to && from > to) throw new UsageError(`--from (${from}) is after --to (${to})`);
  const thresholdArg = int(args, 'threshold', 3, 100);
  const hexArg = int(args, 'hex-size', 250, 5000);
  const rawCats = args.options.get('category') ?? [];
  const rawStatuses = args.options.get('status') ?? [];
  for (const c of rawCats) if (!matchCategory(c)) throw new UsageError(`unknown category "${c}"`);
  for (const s of rawStatuses) if (!matchStatus(s)) throw new UsageError(`unknown status "${s}"`);
  checkWritable(file);

  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { dataDate }, templates, { listDistrictRows }, { RejonError }, { BriefingRequestSchema, PublicOptionsSchema }] = await Promise.all([
    import('../../backend/backend'), import('../../backend/briefing/data'), import('../../backend/briefing/templates'), import('../../backend/store/districts'),
    import('../../shared/contract'), import('../../shared/contract/briefing'),
  ]);
  const backend = new Backend(path.resolve(workspace));
  try {
    const templateName = one(args, 'template');
    const template = templateName !== undefined ? findTemplate(backend, templateName, templates) : null;
    const beats = listDistrictRows(backend.db);
    const names = args.options.get('district') ?? [];
    let districtIds: number[] = [];
    if (names.length) districtIds = resolveBeats(names, beats);
    else if (template?.scope === 'beats') {
      const missing = template.districtIds.filter((id) => !beats.some((b) => b.id === id));
      if (missing.length) throw new UsageError(`template "${template.name}" names beats that are no longer in the workspace (ids ${missing.join(', ')}); give --district or save the template again`);
      districtIds = template.districtIds;
    }
    if (!from || !to) {
      if (!template || template.periodKind === 'custom') throw new UsageError('briefing needs --from and --to (or a --template with a month/quarter/half-year/year period)');
      const newest = dataDate(backend.db);
      if (newest == null) throw new UsageError('the workspace has no reports: give --from and --to');
      const p = warsawParts(newest);
      ({ from, to } = latestFullPeriod(template.periodKind, `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`));
    }
    const isPublic = args.flags.has('public') || (template?.public ?? false);
    if (!isPublic && (thresholdArg !== undefined || hexArg !== undefined)) throw new UsageError('--threshold and --hex-size apply only to --public');
    const categories = rawCats.length ? rawCats.map((c) => matchCategory(c)!.name) : template?.categories ?? [];
    const statuses = rawStatuses.length ? rawStatuses.map((s) => matchStatus(s)!.name) : template?.statuses ?? [];
    const title = one(args, 'title');
    const parsed = BriefingRequestSchema.safeParse({
      ...(districtIds.length ? { districtIds } : {}),
      from,
      to,
      ...(hourBounds ?? {}),
      ...(hours ? { hours } : {}),
      ...(weekdays ? { weekdays } : {}),
      ...(compareFrom && compareTo ? { compareFrom, compareTo } : {}),
      ...(categories.length ? { categories: [...new Set(categories)] } : {}),
      ...(statuses.length ? { statuses: [...new Set(statuses)] } : {}),
      ...(template ? { sections: template.sections } : {}),
      ...(title !== undefined ? { title } : {}),
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const request: BriefingRequest = parsed.data;
    const publicOptions: PublicOptions | undefined = isPublic
      ? PublicOptionsSchema.parse({ threshold: thresholdArg ?? template?.threshold ?? 3, ...(hexArg !== undefined ? { hexSize: hexArg } : {}) })
      : undefined;

    let bytes: Uint8Array;
    try {
      if (format === 'pdf') {
        bytes = await backend.api.printBriefingPdf({ request, ...(publicOptions ? { public: publicOptions } : {}), lang });
      } else {
        const exportFormat = format === 'geojson' ? 'hotspots-geojson' : (`${table}-${format}` as const);
        bytes = await backend.api.exportBriefing({ request, format: exportFormat, ...(publicOptions ? { public: publicOptions } : {}), lang });
      }
    } catch (e) {
      if (e instanceof RejonError && e.code === 'bad-request') throw new UsageError(e.message);
      throw e;
    }
    writeFileAtomic(file, bytes);
    const scope = districtIds.length ? beats.filter((b) => districtIds.includes(b.id)).map((b) => b.name).join(', ') : 'whole command';
    out(`${isPublic ? 'Public briefing' : 'Briefing'} ${from} – ${to} (${scope}) written: ${file} (${bytes.byteLength} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}
