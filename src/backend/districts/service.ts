/**
 * Beat district operations on a workspace: file inspection and import, edits (save, rename, delete, merge, split),
 * per-beat statistics and the list of reports outside all beats. Used by the API (districtApi.ts) and the CLI.
 *
 * Transactions: an import writes the beats and re-assigns ALL reports in one transaction; every edit writes the beat
 * rows and re-assigns the reports inside the affected bounding box (core affectedBy / union of the changed beats'
 * boxes) in one transaction. Any error rolls the whole operation back.
 */
import type { Msg } from '../../core/message';
import * as turf from '@turf/turf';
import { categoryByCode } from '../../core/domain/categories';
import { affectedBy, computeDistrictStats, geometryToPuwg92, polygonsOf, ringPerimeter, ringSignedArea, validateDistricts, type DistrictGeometry, type DistrictValidationResult, type ValidationInput } from '../../core/districts';
import { DistrictEditError, mergeGeometries, splitByLine } from '../../core/districts/edit';
import { foldText } from '../../core/domain/text';
import type { BeatFilter, BeatStats, DistrictEditResult, DistrictFileInspection, DistrictImportResult, DistrictStatsResult, DistrictValidation } from '../../shared/contract/districts';
import { BackupError, writeBackup } from '../store/backup';
import { insertDistrict, listDistrictRows, type DistrictRow } from '../store/districts';
import { getTerritory } from '../store/territory';
import { studyArea } from '../store/studyArea';
import type { Db } from '../store/workspace';
import { BULK_UPDATE_THRESHOLD, reassignReports, withoutDistrictIndexes } from './assignment';
import { readDistrictFile, toDistricts, type DistrictFile } from './readers';
import { refuseDemoImport } from '../workspace/errors';

type BBox = [number, number, number, number];

/** A user or file error (bad input): transports map it to 'bad-request', the CLI to a non-zero exit. */
export class DistrictOpError extends Error {
  constructor(
    message: string,
    readonly code: 'bad-request' | 'not-found' = 'bad-request',
    /** The error for the user, when there is one (file refusals, limits). */
    readonly msg?: Msg,
  ) {
    super(message);
    this.name = 'DistrictOpError';
  }
}

export interface Progress {
  progress(fraction: number, message?: string): void;
  throwIfCancelled(): void;
}

const MAX_ISSUES = 500;
/**
 * Overlaps thinner than this mean width (2·area/perimeter) are not reported. Beats are straight-edged in lon/lat
 * (as GeoJSON and the assignment treat them), the overlap check clips in EPSG:2180 where such an edge is a slight
 * curve: a vertex on a neighbour's edge (a T-junction after a split or a snapped drawing) then shows up as a
 * centimetre-wide sliver of some 100 m² along a kilometre-long border, which is not an overlap in any practical sense.
 */
export const MIN_OVERLAP_WIDTH_M = 0.5;

function meanWidthM(g: DistrictGeometry): number {
  const planar = geometryToPuwg92(g);
  let area = 0, perimeter = 0;
  for (const poly of polygonsOf(planar)) {
    poly.forEach((ring, k) => {
      area += (k === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring));
      perimeter += ringPerimeter(ring);
    });
  }
  return perimeter > 0 ? (2 * area) / perimeter : 0;
}

/** Drop sliver overlaps (see MIN_OVERLAP_WIDTH_M) from a core validation result. */
function dropSliverOverlaps(r: DistrictValidationResult): DistrictValidationResult {
  const slivers = r.overlaps.filter((o) => meanWidthM(o.geometry) < MIN_OVERLAP_WIDTH_M);
  if (slivers.length === 0) return r;
  const isSliver = (a: number, b: number) => slivers.some((o) => o.a === a && o.b === b);
  return {
    ...r,
    overlaps: r.overlaps.filter((o) => !slivers.includes(o)),
    issues: r.issues.filter((i) => !(i.kind === 'overlap' && isSliver(i.districts[0], i.districts[1]))),
  };
}

// ---------------------------------------------------------------- validation output

/** Convert a core validation result; `ids[i]` is what input i is called in the output (district id or feature index). */
export function validationOut(raw: DistrictValidationResult, names: string[], ids: number[], topologyChecked: boolean, keep?: (issue: DistrictValidationResult['issues'][number]) => boolean): DistrictValidation {
  const r = dropSliverOverlaps(raw);
  const kept = keep ? r.issues.filter(keep) : r.issues;
  const issues = kept.slice(0, MAX_ISSUES).map((i) => ({
    kind: i.kind,
    severity: i.severity,
    message: i.message,
    districts: i.districts.map((k) => ids[k]),
    names: i.districts.map((k) => names[k] ?? ''),
    location: i.location ?? null,
    areaM2: i.areaM2 ?? null,
  }));
  const overlapKept = keep ? r.overlaps.filter((o) => kept.some((i) => i.kind === 'overlap' && i.districts[0] === o.a && i.districts[1] === o.b)) : r.overlaps;
  const gapKept = keep ? r.gaps.filter((g) => kept.some((i) => i.kind === 'gap' && i.location && i.location[0] === g.location[0] && i.location[1] === g.location[1])) : r.gaps;
  return {
    ok: !kept.some((i) => i.severity === 'error'),
    topologyChecked,
    issues,
    overlaps: overlapKept.map((o) => ({ a: ids[o.a], b: ids[o.b], names: [names[o.a] ?? '', names[o.b] ?? ''] as [string, string], areaM2: o.areaM2 })),
    gaps: gapKept.map((g) => ({ areaM2: g.areaM2, meanWidthM: g.meanWidthM, location: g.location })),
    truncated: Math.max(0, kept.length - MAX_ISSUES),
  };
}

function boxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function unionBox(boxes: (BBox | null | undefined)[]): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) {
    if (!b) continue;
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b];
  }
  return out;
}

function pad(b: BBox, deg: number): BBox {
  return [b[0] - deg, b[1] - deg, b[2] + deg, b[3] + deg];
}

/**
 * Validate the beats in `ids` (and anything in `box`) against their neighbours: the beats whose boxes touch the area.
 * Keeps the issues that concern a changed beat, and gaps inside the area.
 */
export function validateAround(db: Db, ids: number[], box: BBox | null): DistrictValidation {
  const rows = listDistrictRows(db);
  const area = unionBox([box, ...rows.filter((r) => ids.includes(r.id)).map((r) => r.bbox)]);
  if (!area) return { ok: true, topologyChecked: true, issues: [], overlaps: [], gaps: [], truncated: 0 };
  const near = pad(area, 0.002);
  const local = rows.filter((r) => ids.includes(r.id) || boxesIntersect(r.bbox, near));
  const localIds = local.map((r) => r.id);
  const changed = new Set(ids);
  const res = validateDistricts(local.map((r) => ({ name: r.name, geometry: r.geometry })));
  const inArea = (loc: [number, number] | undefined) => !!loc && loc[0] >= near[0] && loc[0] <= near[2] && loc[1] >= near[1] && loc[1] <= near[3];
  return validationOut(res, local.map((r) => r.name), localIds, true, (i) =>
    i.kind === 'gap' ? inArea(i.location) : i.districts.some((k) => changed.has(localIds[k])),
  );
}

// ---------------------------------------------------------------- file inspection and import

const NAME_FIELDS = [/^(nazwa|name|rejon|nazwa_rejonu|nazwa_rej|rejon_nazw|beat|district|nazwarejonu)$/i, /nazw|name|rejon|beat/i];
const OFFICER_FIELDS = [/dzielnic|officer|funkcjon|policjant|opiekun/i];
const UNIT_FIELDS = [/^(jednostka|unit|jedn|komisariat|kp|kpp|kmp)$/i, /jednostk|unit|komisariat|posterun|kpp|kmp/i];

function guessField(fields: string[], patterns: RegExp[], exclude: (string | null)[] = []): string | null {
  for (const p of patterns) {
    const f = fields.find((x) => p.test(x) && !exclude.includes(x));
    if (f) return f;
  }
  return null;
}

export function suggestFields(file: DistrictFile): { nameField: string | null; officerField: string | null; unitField: string | null } {
  let nameField = guessField(file.fields, NAME_FIELDS);
  if (!nameField) {
    // first text field with distinct non-empty values
    nameField = file.fields.find((f) => {
      const vals = file.features.map((x) => x.properties?.[f]);
      return vals.every((v) => typeof v === 'string' && v.trim() !== '') && new Set(vals).size === vals.length;
    }) ?? null;
  }
  const officerField = guessField(file.fields, OFFICER_FIELDS, [nameField]);
  const unitField = guessField(file.fields, UNIT_FIELDS, [nameField, officerField]);
  return { nameField, officerField, unitField };
}

async function readFileOrFail(file: string): Promise<DistrictFile> {
  try {
    return await readDistrictFile(file);
  } catch (e) {
    throw new DistrictOpError((e as Error).message, 'bad-request', (e as { msg?: Msg }).msg);
  }
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Read a beat file and validate it; nothing is written. */
export async function inspectDistrictFile(file: string, displayName: string, opts: { nameField?: string; skipTopology?: boolean } = {}): Promise<DistrictFileInspection> {
  const f = await readFileOrFail(file);
  const suggested = suggestFields(f);
  const nameField = opts.nameField ?? suggested.nameField;
  if (opts.nameField && !f.fields.includes(opts.nameField)) throw new DistrictOpError(`Field "${opts.nameField}" is not in the file (fields: ${f.fields.join(', ') || 'none'}).`);
  const names = f.features.map((x, i) => (nameField ? cell(x.properties?.[nameField]).trim() : '') || `#${i + 1}`);
  const inputs: ValidationInput[] = f.features.map((x, i) => ({ name: nameField ? cell(x.properties?.[nameField]).trim() : `#${i + 1}`, geometry: x.geometry }));
  const res = validateDistricts(inputs, { skipTopology: opts.skipTopology });
  const validation = validationOut(res, names, f.features.map((_, i) => i), !opts.skipTopology);
  return {
    fileName: displayName,
    format: f.format,
    crs: f.crs,
    crsSource: f.crsSource,
    featureCount: f.features.length,
    fields: f.fields,
    suggested,
    preview: f.features.slice(0, 10).map((x) => Object.fromEntries(f.fields.map((k) => [k, cell(x.properties?.[k]).slice(0, 200)]))),
    skipped: f.skipped,
    warnings: f.warnings,
    validation,
    outlines: {
      type: 'FeatureCollection',
      features: f.features.slice(0, 5000).map((x, i) => ({ type: 'Feature', properties: { index: i, name: names[i] }, geometry: x.geometry })),
    },
  };
}

export interface DistrictImportOptions {
  nameField: string;
  officerField?: string | null;
  unitField?: string | null;
  mode: 'replace' | 'add';
  kind?: string;
}

/**
 * Import a beat file: read, validate (errors such as self-intersections, missing or duplicate names abort; overlaps
 * and gaps are reported as warnings), then in ONE transaction replace or extend the beats and re-assign every report.
 */
export async function importDistricts(db: Db, file: string, opts: DistrictImportOptions, ctx?: Progress): Promise<DistrictImportResult> {
  refuseDemoImport(db);
  ctx?.progress(0.02, 'reading');
  const f = await readFileOrFail(file);
  ctx?.throwIfCancelled();
  let drafts;
  try {
    drafts = toDistricts(f.features, { nameField: opts.nameField, officerField: opts.officerField ?? null, unitField: opts.unitField ?? null });
  } catch (e) {
    throw new DistrictOpError((e as Error).message);
  }
  for (const [label, field] of [['officer', opts.officerField], ['unit', opts.unitField]] as const) {
    if (field && !f.fields.includes(field)) throw new DistrictOpError(`The ${label} field "${field}" is not in the file (fields: ${f.fields.join(', ')}).`);
  }
  ctx?.progress(0.1, 'validating');
  const existing = opts.mode === 'add' ? listDistrictRows(db) : [];
  // In add mode the new beats are validated together with the existing ones (overlaps across both sets).
  const inputs: ValidationInput[] = [...drafts.map((d) => ({ name: d.name, geometry: d.geometry })), ...existing.map((r) => ({ name: r.name, geometry: r.geometry }))];
  const res = validateDistricts(inputs);
  const names = inputs.map((x, i) => x.name || `#${i + 1}`);
  const labels = inputs.map((_, i) => (i < drafts.length ? i : -(existing[i - drafts.length].id + 1)));
  // issues of the existing beats alone are not this file's business
  const concernsFile = (i: DistrictValidationResult['issues'][number]) => i.kind === 'gap' || i.districts.some((k) => k < drafts.length);
  const validation = validationOut(res, names, labels, true, concernsFile);
  const errors = res.issues.filter((i) => i.severity === 'error' && concernsFile(i));
  if (errors.length > 0) {
    throw new DistrictOpError(`The beat file has ${errors.length} error(s); nothing was imported:\n` + errors.slice(0, 10).map((i) => `  - ${i.message}`).join('\n') + (errors.length > 10 ? `\n  … ${errors.length - 10} more` : ''));
  }
  ctx?.throwIfCancelled();
  // Replacing beats re-assigns every report: a backup copy of the workspace first (store/backup.ts).
  if (opts.mode === 'replace' && !db.memory && listDistrictRows(db).length > 0) {
    try {
      writeBackup(db, 'before-beats-replace');
    } catch (e) {
      if (e instanceof BackupError) throw new DistrictOpError(`${e.message} The beats were not replaced.`);
      throw e;
    }
  }
  ctx?.progress(0.5, 'writing beats and re-assigning reports');
  const tx = db.transaction(() => {
    let toInsert = drafts;
    if (opts.mode === 'replace') {
      // A beat whose name is in the new file keeps its id (stable references, and re-importing the same file
      // changes nothing); the others are deleted. Renames go through temporary names (names are UNIQUE).
      const current = listDistrictRows(db);
      const byName = new Map(current.map((r) => [foldText(r.name), r]));
      const reuse = new Map<number, (typeof drafts)[number]>();
      toInsert = [];
      for (const d of drafts) {
        const old = byName.get(foldText(d.name));
        if (old && !reuse.has(old.id)) reuse.set(old.id, d);
        else toInsert.push(d);
      }
      const gone = current.filter((r) => !reuse.has(r.id)).map((r) => r.id);
      if (gone.length > 0) {
        const list = gone.join(',');
        const orphans = (db.prepare(`SELECT count(*) AS n FROM reports WHERE district_id IN (${list})`).get() as { n: number }).n;
        const detach = () => db.prepare(`UPDATE reports SET district_id = NULL WHERE district_id IN (${list})`).run();
        if (orphans > BULK_UPDATE_THRESHOLD) withoutDistrictIndexes(db, detach);
        else detach();
        db.prepare(`DELETE FROM districts WHERE id IN (${list})`).run();
      }
      for (const id of reuse.keys()) db.prepare('UPDATE districts SET name = ? WHERE id = ?').run(`__rejon_renaming_${id}__`, id);
      for (const [id, d] of reuse) updateRow(db, id, { name: d.name, officer: d.officer, unit: d.unit, kind: opts.kind ?? 'city', geometry: d.geometry });
    }
    for (const d of toInsert) insertDistrict(db, { name: d.name, kind: opts.kind, officer: d.officer, unit: d.unit, geometry: d.geometry });
    return reassignReports(db);
  });
  const r = tx();
  ctx?.progress(1, 'done');
  return { districts: drafts.length, assigned: r.assigned, outside: r.outside, changed: r.changed, mode: opts.mode, validation };
}

// ---------------------------------------------------------------- edits

function rowOf(db: Db, id: number): DistrictRow {
  const row = listDistrictRows(db).find((r) => r.id === id);
  if (!row) throw new DistrictOpError(`No beat with id ${id}.`, 'not-found');
  return row;
}

function checkNameFree(db: Db, name: string, exceptIds: number[]): void {
  const folded = foldText(name);
  const clash = listDistrictRows(db).find((r) => !exceptIds.includes(r.id) && foldText(r.name) === folded);
  if (clash) throw new DistrictOpError(`A beat named "${clash.name}" already exists (id ${clash.id}).`);
}

/** Structural check of one geometry (self-intersections, bad rings): errors refuse the edit. */
function checkGeometry(name: string, geometry: DistrictGeometry): void {
  const res = validateDistricts([{ name, geometry }], { skipTopology: true });
  const errors = res.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new DistrictOpError(`The beat geometry is not valid: ${errors.slice(0, 5).map((i) => i.message).join('; ')}`);
}

function updateRow(db: Db, id: number, fields: { name?: string; officer?: string | null; unit?: string | null; kind?: string; geometry?: DistrictGeometry }): void {
  const sets: string[] = [];
  const params: (string | number | null)[] = [];
  const set = (col: string, v: string | number | null) => { sets.push(`${col} = ?`); params.push(v); };
  if (fields.name !== undefined) set('name', fields.name);
  if (fields.officer !== undefined) set('officer', fields.officer);
  if (fields.unit !== undefined) set('unit', fields.unit);
  if (fields.kind !== undefined) set('kind', fields.kind);
  if (fields.geometry) {
    const [a, b, c, d] = turf.bbox(fields.geometry);
    set('geometry_json', JSON.stringify(fields.geometry));
    set('area_m2', turf.area(fields.geometry));
    set('min_lon', a); set('min_lat', b); set('max_lon', c); set('max_lat', d);
  }
  set('updated_at', Date.now());
  db.prepare(`UPDATE districts SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
}

function reassignIn(db: Db, box: BBox | null): { changed: number; examined: number } {
  if (!box) return { changed: 0, examined: 0 };
  const r = reassignReports(db, box);
  return { changed: r.changed, examined: r.assigned + r.outside };
}

function wrapEdit<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DistrictEditError) throw new DistrictOpError(e.message);
    if (e instanceof Error && /UNIQUE constraint failed: districts.name/.test(e.message)) throw new DistrictOpError('A beat with this name already exists.');
    throw e;
  }
}

export interface SaveDistrictInput {
  id?: number;
  name: string;
  officer?: string | null;
  unit?: string | null;
  kind?: string;
  geometry: DistrictGeometry;
}

/** Create (no id) or update a beat; re-assigns the reports whose beat can change (symmetric difference box). */
export function saveDistrict(db: Db, input: SaveDistrictInput): DistrictEditResult {
  return wrapEdit(() => {
    const geometry = stripZ(input.geometry);
    checkGeometry(input.name, geometry);
    const tx = db.transaction(() => {
      let id: number;
      let box: BBox | null;
      if (input.id == null) {
        checkNameFree(db, input.name, []);
        id = insertDistrict(db, { name: input.name, kind: input.kind, officer: input.officer ?? null, unit: input.unit ?? null, geometry });
        box = affectedBy(null, geometry).bbox;
      } else {
        const old = rowOf(db, input.id);
        checkNameFree(db, input.name, [old.id]);
        id = old.id;
        box = affectedBy(old.geometry, geometry).bbox;
        updateRow(db, id, { name: input.name, officer: input.officer, unit: input.unit, kind: input.kind, geometry });
      }
      const r = reassignIn(db, box);
      return { id, ...r };
    });
    const r = tx();
    return { ids: [r.id], changed: r.changed, examined: r.examined, validation: validateAround(db, [r.id], null) };
  });
}

export function renameDistrict(db: Db, input: { id: number; name: string; officer?: string | null; unit?: string | null }): { id: number } {
  return wrapEdit(() => {
    rowOf(db, input.id);
    checkNameFree(db, input.name, [input.id]);
    updateRow(db, input.id, { name: input.name, officer: input.officer, unit: input.unit });
    return { id: input.id };
  });
}

export function deleteDistrict(db: Db, id: number): DistrictEditResult {
  return wrapEdit(() => {
    const old = rowOf(db, id);
    const tx = db.transaction(() => {
      const left = db.prepare('UPDATE reports SET district_id = NULL WHERE district_id = ?').run(id).changes;
      db.prepare('DELETE FROM districts WHERE id = ?').run(id);
      // reports of the deleted beat may fall into an overlapping neighbour (those are among `left`)
      const r = reassignIn(db, affectedBy(old.geometry, null).bbox);
      return { changed: left, examined: r.examined };
    });
    const r = tx();
    return { ids: [], changed: r.changed, examined: r.examined, validation: validateAround(db, [], old.bbox) };
  });
}

/** Merge beats into the first id given (it keeps its officer and unit); the others are deleted. */
export function mergeDistricts(db: Db, ids: number[], name: string): DistrictEditResult {
  return wrapEdit(() => {
    const unique = [...new Set(ids)];
    if (unique.length < 2) throw new DistrictOpError('Select at least two different beats to merge.');
    const rows = unique.map((id) => rowOf(db, id));
    const merged = mergeGeometries(rows.map((r) => r.geometry));
    checkGeometry(name, merged.geometry);
    const keep = rows[0];
    const tx = db.transaction(() => {
      checkNameFree(db, name, unique);
      for (const r of rows.slice(1)) {
        db.prepare('UPDATE reports SET district_id = NULL WHERE district_id = ?').run(r.id);
        db.prepare('DELETE FROM districts WHERE id = ?').run(r.id);
      }
      updateRow(db, keep.id, { name, geometry: merged.geometry });
      return reassignIn(db, unionBox(rows.map((r) => r.bbox)));
    });
    const r = tx();
    const validation = validateAround(db, [keep.id], null);
    if (merged.parts > rows.length - 1 && merged.parts > 1) {
      validation.issues.unshift({ kind: 'not-adjacent', severity: 'warning', message: `The merged beat "${name}" consists of ${merged.parts} separate parts (the beats do not all touch).`, districts: [keep.id], names: [name], location: null, areaM2: null });
    }
    return { ids: [keep.id], changed: r.changed, examined: r.examined, validation };
  });
}

/** Split a beat along a line; the left piece keeps the id (and officer, unit), the right one becomes a new beat. */
export function splitDistrict(db: Db, id: number, line: number[][], names?: [string, string]): DistrictEditResult {
  return wrapEdit(() => {
    const old = rowOf(db, id);
    const [a, b] = splitByLine(old.geometry, line);
    const nameA = names?.[0] ?? old.name;
    let nameB = names?.[1];
    if (!nameB) {
      const taken = new Set(listDistrictRows(db).map((r) => foldText(r.name)));
      for (let k = 2; ; k++) {
        const candidate = `${old.name} (${k})`;
        if (!taken.has(foldText(candidate))) { nameB = candidate; break; }
      }
    }
    if (foldText(nameA) === foldText(nameB)) throw new DistrictOpError('The two parts need different names.');
    checkGeometry(nameA, a);
    checkGeometry(nameB, b);
    const tx = db.transaction(() => {
      checkNameFree(db, nameA, [id]);
      checkNameFree(db, nameB!, [id]);
      updateRow(db, id, { name: nameA, geometry: a });
      const newId = insertDistrict(db, { name: nameB!, kind: old.kind, officer: old.officer, unit: old.unit, geometry: b });
      return { newId, ...reassignIn(db, old.bbox) };
    });
    const r = tx();
    return { ids: [id, r.newId], changed: r.changed, examined: r.examined, validation: validateAround(db, [id, r.newId], null) };
  });
}

function stripZ(g: DistrictGeometry): DistrictGeometry {
  const ring = (r: number[][]) => r.map((p) => [p[0], p[1]]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

/** Validate all beats of the workspace. */
export function validateWorkspaceDistricts(db: Db, skipTopology = false): DistrictValidation {
  const rows = listDistrictRows(db);
  const res = validateDistricts(rows.map((r) => ({ name: r.name, geometry: r.geometry })), { skipTopology });
  return validationOut(res, rows.map((r) => r.name), rows.map((r) => r.id), !skipTopology);
}

// ---------------------------------------------------------------- statistics

/** SQL WHERE for a beat filter WITHOUT the period and without district ids (columns of `reports`, unqualified). */
function filterClauses(filter: BeatFilter | undefined): { clauses: string[]; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const inList = (col: string, values: (string | number)[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('category', filter?.categories);
  inList('status', filter?.statuses);
  inList('category_code', filter?.categoryCodes);
  inList('status_code', filter?.statusCodes);
  inList('hour', filter?.hours);
  inList('weekday', filter?.weekdays);
  if (filter?.territory) clauses.push(`outside_territory = ${filter.territory === 'outside' ? 1 : 0}`);
  return { clauses, params };
}


const DAY = 86_400_000;

/**
 * Period of the statistics. With neither `from` nor `to` in the filter, the data range (first report to just after
 * the last) is split into two halves: the later half is the current period, the earlier half the previous one, so
 * the change and its p-value compare like with like. With only one bound the other is the data range's end.
 * The previous period defaults to the period of equal length just before the current one.
 */
export function resolvePeriod(db: Db, filter: BeatFilter | undefined, previousFrom?: number, previousTo?: number): { from: number; to: number; previousFrom: number; previousTo: number } {
  let from = filter?.from;
  let to = filter?.to;
  if (from == null || to == null) {
    const r = db.prepare('SELECT min(created_at) AS a, max(created_at) AS b FROM reports').get() as { a: number | null; b: number | null };
    const first = r.a ?? Date.now() - 365 * DAY;
    const last = r.b != null ? r.b + 1 : Date.now();
    if (from == null && to == null) {
      to = Math.max(last, first + 2);
      from = first + Math.floor((to - first) / 2);
    } else {
      to ??= last;
      from ??= first < to ? first : to - 365 * DAY;
    }
  }
  if (!(to > from)) throw new DistrictOpError('The period is empty: "to" must be after "from".');
  const pTo = previousTo ?? from;
  const pFrom = previousFrom ?? pTo - (to - from);
  if (!(pTo > pFrom)) throw new DistrictOpError('The previous period is empty: "previousTo" must be after "previousFrom".');
  return { from, to, previousFrom: pFrom, previousTo: pTo };
}

/**
 * Per-beat statistics (core computeDistrictStats) for the filter's period, against the previous period. Columns are
 * read straight from SQLite into typed arrays; verification time = first change to a confirmed or rejected status in
 * report_status_history (reports imported already verified get the time recorded with that status, i.e. the
 * source's modification time).
 */
export function districtStats(db: Db, input: { filter?: BeatFilter; previousFrom?: number; previousTo?: number; alpha?: number }): DistrictStatsResult {
  const period = resolvePeriod(db, input.filter, input.previousFrom, input.previousTo);
  const alpha = input.alpha ?? 0.05;
  const { clauses, params } = filterClauses(input.filter);
  const lo = Math.min(period.from, period.previousFrom);
  const hi = Math.max(period.to, period.previousTo);
  const where = ['created_at >= ?', 'created_at < ?', ...clauses].join(' AND ');
  const allParams = [lo, hi, ...params];
  const n = (db.prepare(`SELECT count(*) AS n FROM reports WHERE ${where}`).get(...allParams) as { n: number }).n;
  const districtId = new Int32Array(n);
  const createdAt = new Float64Array(n);
  const categoryCode = new Uint8Array(n);
  const statusCode = new Uint8Array(n);
  const verifiedAt = new Float64Array(n);
  const inside = new Uint8Array(n);
  const outsideT = new Uint8Array(n);
  // verified_at: first confirmed/rejected status, maintained by the store (see store/reports.ts verifiedAtOf)
  const stmt = db.prepare(`SELECT district_id, created_at, category_code, status_code, verified_at, outside_territory FROM reports WHERE ${where}`).raw(true);
  let i = 0;
  for (const row of stmt.iterate(...allParams) as IterableIterator<[number | null, number, number, number, number | null, number]>) {
    if (i >= n) break;
    districtId[i] = row[0] ?? -1;
    createdAt[i] = row[1];
    categoryCode[i] = row[2];
    statusCode[i] = row[3];
    verifiedAt[i] = row[4] ?? NaN;
    inside[i] = row[5] ? 0 : 1;
    outsideT[i] = row[5] ? 1 : 0;
    i++;
  }
  const rows = listDistrictRows(db);
  const cols = { districtId, createdAt, categoryCode, statusCode, verifiedAt };
  const opts = { ...period, alpha };
  // Beats and "outside all beats": reports inside the territory (every report without one).
  const stats = computeDistrictStats({ ...cols, include: inside }, rows.map((r) => ({ id: r.id, areaKm2: r.areaM2 / 1e6 })), { ...opts, includeUnassigned: true });
  // The whole command: every report inside the territory, beats or not; the outside-territory ones apart.
  const area = studyArea(db);
  const zero = new Int32Array(n);
  const whole = computeDistrictStats({ ...cols, districtId: zero, include: inside }, [{ id: 0, areaKm2: area ? area.areaM2 / 1e6 : 0 }], opts)[0];
  const hasTerritory = getTerritory(db).length > 0;
  const outT = hasTerritory ? computeDistrictStats({ ...cols, districtId: zero, include: outsideT }, [{ id: 0, areaKm2: 0 }], opts)[0] : null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const toOut = (s: (typeof stats)[number], id: number): BeatStats => {
    const r = byId.get(s.districtId);
    return {
      id,
      name: r?.name ?? '',
      officer: r?.officer ?? null,
      unit: r?.unit ?? null,
      areaKm2: s.areaKm2,
      count: s.count,
      ratePerKm2: s.ratePerKm2,
      confirmed: s.confirmed,
      confirmedShare: s.confirmedShare,
      previousCount: s.previousCount,
      change: s.change,
      changePct: s.changePct,
      pValue: s.pValue,
      significant: s.significant,
      topCategories: s.topCategories.map((c) => ({ code: c.code, name: categoryByCode(c.code)?.name ?? '(inna)', nameEn: categoryByCode(c.code)?.nameEn ?? '(other)', count: c.count })),
      hourWeekday: s.hourWeekday,
      medianVerificationHours: s.medianVerificationHours,
    };
  };
  const out: BeatStats[] = stats.map((s) => toOut(s, s.districtId));
  const outside = out.pop()!;
  const wanted = input.filter?.districtIds?.length ? new Set(input.filter.districtIds) : null;
  const beats = wanted ? out.filter((b) => wanted.has(b.id)) : out;
  const wholeOut = toOut({ ...whole, districtId: -3 }, -3);
  const outsideTerritory = outT ? toOut({ ...outT, districtId: -2 }, -2) : null;
  // With beats picked in the filter the total is theirs plus the reports outside all beats (as before); the whole
  // command is every report of the period matching the filter.
  const total = wanted ? beats.reduce((s, b) => s + b.count, 0) + outside.count : wholeOut.count + (outsideTerritory?.count ?? 0);
  return { ...period, alpha, beats, outside, whole: wholeOut, areaSource: area?.source ?? null, outsideTerritory, total };
}

/** Reports of the filter's period (all time when none) that lie outside every beat, newest first. */
export function listOutsideReports(db: Db, input: { filter?: BeatFilter; offset: number; limit: number }): { total: number; rows: { id: number; sourceId: string; category: string; status: string; createdAt: number; lon: number; lat: number; teryt: string | null }[] } {
  const { clauses, params } = filterClauses(input.filter);
  if (input.filter?.from != null) { clauses.push('created_at >= ?'); params.push(input.filter.from); }
  if (input.filter?.to != null) { clauses.push('created_at < ?'); params.push(input.filter.to); }
  const where = ['district_id IS NULL', ...clauses].join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM reports WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT id, source_id, category, status, created_at, lon, lat, teryt FROM reports WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.limit, input.offset) as { id: number; source_id: string; category: string; status: string; created_at: number; lon: number; lat: number; teryt: string | null }[];
  return { total, rows: rows.map((r) => ({ id: r.id, sourceId: r.source_id, category: r.category, status: r.status, createdAt: r.created_at, lon: r.lon, lat: r.lat, teryt: r.teryt })) };
}
