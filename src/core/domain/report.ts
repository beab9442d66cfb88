/** The report model shared by the store, the importers and the analyses. */

export interface Report {
  /** Workspace-internal row id. */
  id: number;
  /** Id in the source system (KMZB OBJECTID / "Nr zgłoszenia"); unique within a workspace. */
  sourceId: string;
  /** Canonical category name, or the raw text for categories not in the table (never dropped). */
  category: string;
  /** Canonical status name. */
  status: string;
  /** Creation time, UTC epoch ms. */
  createdAt: number;
  /** Time the event happened, when given. */
  eventAt: number | null;
  /** Last modification in the source system. */
  modifiedAt: number | null;
  lon: number;
  lat: number;
  /** 7-digit commune code when known. */
  teryt: string | null;
  /** Police-only free text; may contain personal data. Never in public outputs. */
  description: string | null;
  districtId: number | null;
}

/** A status change, as seen in the source or across re-imports. */
export interface StatusChange {
  reportId: number;
  status: string;
  changedAt: number;
}

/** Filter that every view and analysis applies. All fields optional; empty arrays mean "all". */
export interface ReportFilter {
  /** Inclusive lower bound, UTC ms. */
  from?: number;
  /** Exclusive upper bound, UTC ms. */
  to?: number;
  categories?: string[];
  statuses?: string[];
  /** Beat ids; 0 = outside all beats (no beat). */
  districtIds?: number[];
  /** Warsaw-local hours 0-23. */
  hours?: number[];
  /** 0 = Monday ... 6 = Sunday. */
  weekdays?: number[];
  /**
   * Only reports inside ('inside') or outside ('outside') the workspace's territory (reports.outside_territory,
   * the powiat tolerance applied); absent = all.
   */
  territory?: 'inside' | 'outside';
}
