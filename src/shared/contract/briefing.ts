import { z } from 'zod';
import type { FeatureCollection } from 'geojson';
import type { MethodDef } from './method';
import { CalendarDay } from './day';
import type { ProvenanceKind, SourceSummary } from '../../core/provenance';
import type { Msg } from '../../core/message';
import type { BriefingSummary } from '../../core/briefing/summary';
import { ReportFilterSchema } from './filter';

export type { BriefingSummary };

/**
 * Briefings and public presentation (issue 7).
 *
 * Two data methods with deliberately different shapes:
 * - getBriefingData: police briefing (odprawa) – per-beat statistics, Gi* hotspots with their locations,
 *   hour × weekday matrices. Police-internal (never contains descriptions or report ids either).
 * - getPublicBriefingData: PUBLIC BY CONSTRUCTION – only aggregates (beat and hexagon counts with small
 *   counts suppressed, month counts, hour bands). The public slides and the public PDF/CSV/GeoJSON are
 *   built from this method's output only.
 */

const Day = CalendarDay;

export const BRIEFING_SECTIONS = ['title', 'overview', 'map', 'keyNumbers', 'summary', 'hotspots', 'categories', 'matrix'] as const;
export type BriefingSection = (typeof BRIEFING_SECTIONS)[number];

export const BriefingSectionsSchema = z
  .object(Object.fromEntries(BRIEFING_SECTIONS.map((s) => [s, z.boolean().optional()])) as Record<BriefingSection, z.ZodOptional<z.ZodBoolean>>)
  .strict();
export type BriefingSections = Partial<Record<BriefingSection, boolean>>;

const COMPARISON_KINDS_LIST = ['previous', 'previousCalendar', 'yearEarlier', 'custom'] as const;

/** What a briefing covers. Dates are Warsaw calendar days; `to` and `compareTo` are inclusive. */
export const BriefingRequestSchema = z
  .object({
    /** Beats in scope; empty or absent = the whole command (all beats). */
    districtIds: z.array(z.number().int().nonnegative()).max(500).optional(),
    from: Day,
    to: Day,
    /** Comparison period; defaults to the period of equal length just before `from`. */
    /** Hour the period starts on `from` (0–23, default 0) and ends on `to` (1–24, default 24): shifts, last 24 h. */
    fromHour: z.number().int().min(0).max(23).optional(),
    toHour: z.number().int().min(1).max(24).optional(),
    compareFrom: Day.optional(),
    compareTo: Day.optional(),
    /** How the composer chose the comparison period (a label for the audience); 'previous' when absent and not given. */
    comparisonKind: z.enum(COMPARISON_KINDS_LIST).optional(),
    /** Warsaw-local hours 0–23 and weekdays (0 = Monday), as the map's filter has them. */
    hours: ReportFilterSchema.shape.hours,
    weekdays: ReportFilterSchema.shape.weekdays,
    categories: z.array(z.string().min(1).max(200)).max(100).optional(),
    statuses: z.array(z.string().min(1).max(100)).max(20).optional(),
    sections: BriefingSectionsSchema.optional(),
    title: z.string().max(200).optional(),
  })
  .strict();
export type BriefingRequest = z.infer<typeof BriefingRequestSchema>;

export const PublicOptionsSchema = z
  .object({
    /** Counts below this are shown as "<threshold"; never below 3. */
    threshold: z.number().int().min(3).max(100).default(3),
    /** Hexagon side in metres for the public map; never below 250 m. */
    hexSize: z.number().min(250).max(5000).default(500),
  })
  .strict();
export type PublicOptions = z.input<typeof PublicOptionsSchema>;

export interface BriefingPeriod {
  from: string;
  to: string;
  /** UTC ms, [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  days: number;
  /** Present when the period does not run from midnight to midnight (a shift, the last 24 h). */
  fromHour?: number;
  toHour?: number;
}

/** An import whose reports the document counts (see core/provenance.ts: a report's source is reports.import_id). */
export interface ProvenanceEntry {
  importId: number;
  fileName: string;
  /** File format. */
  sourceKind: string;
  kind: ProvenanceKind;
  provenance: string | null;
  importedAt: number;
  /** Reports of the document (both periods, in scope, filtered) whose current content comes from this import. */
  rows: number;
}

export interface BriefingHotspot {
  rank: number;
  districtId: number;
  /**
   * Where it is, as a message (hotspots.place.*): the nearest named street or place with its distance ("Słowackiego",
   * "Park Poniatowskiego (ok. 150 m)"), else its beat, else coordinates. The same lookup as the analyses' lists.
   */
  location: Msg;
  placeName: string | null;
  placeDistanceM: number | null;
  /** Centroid of the hotspot's hexagons (not of any report), WGS84. */
  lon: number;
  lat: number;
  cells: number;
  count: number;
  /** Highest Gi* confidence among its cells: 90 | 95 | 99. */
  confidence: number;
  dominantCategories: { name: string; count: number }[];
  confirmedShare: number | null;
  /** e.g. "18:00–22:00, pt–sb" (a message: translated by the page or export). */
  hours: Msg;
  peakHours: [number, number] | null;
}

export interface BeatBriefing {
  id: number;
  name: string;
  kind: string;
  officer: string | null;
  unit: string | null;
  areaKm2: number;
  bbox: [number, number, number, number];
  count: number;
  previousCount: number;
  change: number;
  changePct: number | null;
  pValue: number;
  significant: boolean;
  ratePerKm2: number | null;
  confirmedShare: number | null;
  medianVerificationHours: number | null;
  categories: { code: number; name: string; count: number; color: [number, number, number] }[];
  /** [weekday 0=Mon..6=Sun][hour 0..23] */
  hourWeekday: number[][];
  hotspots: BriefingHotspot[];
  /** Generated text as message codes (shared/briefingText.ts turns it into sentences). */
  summary: BriefingSummary;
  /** Fewer than `minReports` reports in both periods together: no change judged, a short entry (one page). */
  quiet: boolean;
}

export interface BriefingData {
  kind: 'police';
  title: string;
  workspaceName: string;
  demo: boolean;
  generatedAt: number;
  /** Newest report creation time in the workspace (UTC ms) = "stan danych". */
  dataDate: number | null;
  /** The imports whose reports this briefing counts, oldest first. */
  provenance: ProvenanceEntry[];
  /** The same grouped by kind of source. */
  sources: SourceSummary[];
  period: BriefingPeriod;
  comparison: BriefingPeriod;
  categories: string[];
  statuses: string[];
  scope: 'command' | 'beats';
  sections: Record<BriefingSection, boolean>;
  /**
   * Whole scope together. For the whole command ('command'): every report matching the filter inside the command's
   * territory (all reports without one), outside all beats included; rate per km² over the study area (territory,
   * else union of beats). For selected beats: their reports and their area.
   */
  total: Omit<BeatBriefing, 'id' | 'name' | 'kind' | 'officer' | 'unit' | 'bbox' | 'hotspots' | 'quiet'> & {
    beats: number;
    hotspots: number;
    /** Where areaKm2 comes from. */
    areaSource: 'territory' | 'beats' | 'selected-beats' | null;
    /** Whole command only: reports in `total` outside every beat ("poza rejonami"). */
    outsideBeats: { count: number; previousCount: number } | null;
    /** Whole command with a territory: reports outside it, NOT in `total`, stated apart. */
    outsideTerritory: { count: number; previousCount: number } | null;
  };
  beats: BeatBriefing[];
  /** Beat polygons in scope (WGS84), properties {id, name, kind}. */
  beatsGeoJson: FeatureCollection;
  /** All beats of the workspace for context (WGS84), properties {id, name}. */
  allBeatsGeoJson: FeatureCollection;
  /** Gi* hot hexagons (WGS84), properties {districtId, hotspot (rank or 0), bin 1..3, count}. */
  hotCellsGeoJson: FeatureCollection;
  /** Named places for orientation, WGS84. */
  places: { name: string; kind: string; lon: number; lat: number }[];
  /** `rule`: parameters of the place-rule Gi* the hotspots come from (shared/hotspotText.ts hotspotRuleText). */
  method: { cellSize: number | null; distanceBand: number | null; fdr: boolean; notes: Msg[]; rule: Record<string, unknown> | null };
  /**
   * The one hotspot summary every mention reads (beats' `hotspots`, `total.hotspots`, the summaries): whether an
   * analysis ran, how many hotspots in how many beats.
   */
  hotspotSummary: { analysed: boolean; total: number; beats: number };
  /** Below this many reports in both periods together the text says there are too few to judge a change. */
  minReports: number;
  /** Hour and weekday filters carried over from the map (stated on the title page). */
  hours: number[];
  weekdays: number[];
  /** How the comparison period was chosen (labelled on the pages). */
  comparisonKind: ComparisonKind;
}

export const COMPARISON_KINDS = COMPARISON_KINDS_LIST;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

/**
 * A count that may be suppressed: `value` is null and `label` "<3" when below the threshold (`suppressed`
 * 'small'), or `label` "*" when hidden only so that a small count cannot be worked out from a sum
 * (`suppressed` 'complementary'; the count itself may be large).
 */
export interface PublicCount {
  value: number | null;
  label: string;
  suppressed?: 'small' | 'complementary';
}

export interface PublicBeat {
  id: number;
  name: string;
  bbox: [number, number, number, number];
  count: PublicCount;
  previousCount: PublicCount;
  /** Only when both counts are shown. */
  changePct: number | null;
  categories: { name: string; count: PublicCount }[];
  /** 4 bands: 0–6, 6–12, 12–18, 18–24. */
  hourBands: PublicCount[];
  months: { month: string; count: PublicCount }[];
}

export interface PublicBriefingData {
  kind: 'public';
  title: string;
  threshold: number;
  hexSize: number;
  generatedAt: number;
  /** Day only (YYYY-MM-DD). */
  dataDate: string | null;
  /** Polish source line (kept for exports that carry one text); pages build theirs from `sources` in their language. */
  sourceNote: string;
  /** Kinds of source of the reports counted (no counts, no file names). */
  sources: ProvenanceKind[];
  period: { from: string; to: string };
  comparison: { from: string; to: string };
  categories: string[];
  total: { count: PublicCount; previousCount: PublicCount; changePct: number | null };
  beats: PublicBeat[];
  /** Beat polygons (WGS84), properties {id, name, count (null when suppressed), label, suppressed? ('small' | 'complementary')}. */
  beatsGeoJson: FeatureCollection;
  /**
   * Hexagons (grid cells of side hexSize m in EPSG:2180, WGS84 vertices) with ≥ 1 report, properties {id, districtId
   * (beat of most of its reports), count (null when suppressed), label, suppressed?}. Cells that would let a hidden
   * count be recomputed are left out (see backend/briefing/public.ts).
   */
  hexGeoJson: FeatureCollection;
}

export interface BriefingTemplate {
  name: string;
  sections: BriefingSections;
  /** 'command' = all beats; 'beats' = the listed beats. */
  scope: 'command' | 'beats';
  districtIds: number[];
  /** How the period is chosen when the template is used. */
  periodKind: 'month' | 'quarter' | 'half-year' | 'year' | 'custom';
  categories: string[];
  statuses: string[];
  public: boolean;
  threshold: number;
  updatedAt: number;
}

const TemplateName = z.string().min(1).max(80).regex(/^[^\u0000-\u001f]+$/, 'no control characters');

export const BriefingTemplateSchema = z
  .object({
    name: TemplateName,
    sections: BriefingSectionsSchema.default({}),
    scope: z.enum(['command', 'beats']).default('command'),
    districtIds: z.array(z.number().int().nonnegative()).max(500).default([]),
    periodKind: z.enum(['month', 'quarter', 'half-year', 'year', 'custom']).default('half-year'),
    categories: z.array(z.string().min(1).max(200)).max(100).default([]),
    statuses: z.array(z.string().min(1).max(100)).max(20).default([]),
    public: z.boolean().default(false),
    threshold: z.number().int().min(3).max(100).default(3),
  })
  .strict();

/** Language of exported headers and of the printed pages (default 'pl'). */
export const BriefingLang = z.enum(['pl', 'en']);
export type BriefingLang = z.infer<typeof BriefingLang>;

export const BRIEFING_EXPORTS = ['beats-csv', 'beats-xlsx', 'hotspots-csv', 'hotspots-xlsx', 'hotspots-geojson'] as const;

export const briefingMethods = {
  getBriefingData: { input: z.object({ request: BriefingRequestSchema }).strict(), output: z.custom<BriefingData>() },
  getPublicBriefingData: {
    input: z.object({ request: BriefingRequestSchema, options: PublicOptionsSchema.optional() }).strict(),
    output: z.custom<PublicBriefingData>(),
  },
  /**
   * Tables and hotspots as files: CSV (`;`, UTF-8 BOM, formula injection escaped), XLSX, GeoJSON (WGS84).
   * With `public` the files come from getPublicBriefingData (beat and hexagon aggregates only).
   */
  exportBriefing: {
    input: z
      .object({ request: BriefingRequestSchema, format: z.enum(BRIEFING_EXPORTS), public: PublicOptionsSchema.optional(), lang: BriefingLang.optional() })
      .strict(),
    output: z.instanceof(Uint8Array),
    binary: true,
  },
  /** PDF of the same print pages as the app (headless Chromium or Electron printToPDF, whichever the host set up). */
  printBriefingPdf: {
    input: z.object({ request: BriefingRequestSchema, public: PublicOptionsSchema.optional(), lang: BriefingLang.optional() }).strict(),
    output: z.instanceof(Uint8Array),
    binary: true,
  },
  listBriefingTemplates: { input: z.object({}).strict(), output: z.custom<BriefingTemplate[]>() },
  saveBriefingTemplate: { input: z.object({ template: BriefingTemplateSchema }).strict(), output: z.custom<BriefingTemplate>() },
  deleteBriefingTemplate: { input: z.object({ name: TemplateName }).strict(), output: z.object({ deleted: z.boolean() }) },
} as const satisfies Record<string, MethodDef>;
