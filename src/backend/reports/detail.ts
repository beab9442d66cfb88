/** One report with everything known about it: every field, status history, the imports it came from, its beat. */
import { msg } from '../../core/message';
import { isProvenanceKind } from '../../core/provenance';
import { statusCode } from '../../core/domain/statuses';
import { RejonError } from '../../shared/contract';
import type { ReportDetail } from '../../shared/contract/reports';
import type { Db } from '../store/workspace';

interface Row {
  id: number; source_id: string; category: string; category_code: number; status: string; status_code: number;
  created_at: number; event_at: number | null; modified_at: number | null; verified_at: number | null;
  lon: number; lat: number; x2180: number; y2180: number; teryt: string | null; unit: string | null; beat: string | null;
  officer: string | null; description: string | null; district_id: number | null; district_name: string | null;
  outside_territory: number | null; import_id: number; first_import_id: number;
}

export function getReport(db: Db, key: { id: number } | { sourceId: string }): ReportDetail {
  const where = 'id' in key ? 'r.id = ?' : 'r.source_id = ?';
  const r = db
    .prepare(
      `SELECT r.*, d.name AS district_name FROM reports r LEFT JOIN districts d ON d.id = r.district_id WHERE ${where}`,
    )
    .get('id' in key ? key.id : key.sourceId) as Row | undefined;
  if (!r) throw new RejonError('not-found', `No report ${JSON.stringify(key)}.`, undefined, msg('provenance.report.notFound'));
  const history = (db.prepare('SELECT status, changed_at, import_id FROM report_status_history WHERE report_id = ? ORDER BY changed_at, id').all(r.id) as {
    status: string; changed_at: number; import_id: number | null;
  }[]).map((h) => ({ status: h.status, statusCode: statusCode(h.status), changedAt: h.changed_at, importId: h.import_id }));
  const imports = (db
    .prepare(
      `SELECT i.id, i.file_name, i.source_kind, i.provenance_kind, i.provenance, i.imported_at,
              CASE WHEN i.id = ? THEN 'inserted' ELSE 'updated' END AS role
       FROM imports i
       WHERE i.id = ? OR i.id IN (SELECT import_id FROM import_changes WHERE report_id = ?) OR i.id = ?
       ORDER BY i.id`,
    )
    .all(r.first_import_id, r.first_import_id, r.id, r.import_id) as {
    id: number; file_name: string; source_kind: string; provenance_kind: string; provenance: string | null; imported_at: number; role: 'inserted' | 'updated';
  }[]).map((i) => ({
    id: i.id, fileName: i.file_name, format: i.source_kind, provenanceKind: isProvenanceKind(i.provenance_kind) ? i.provenance_kind : ('other' as const),
    provenance: i.provenance, importedAt: i.imported_at, role: i.role, current: i.id === r.import_id,
  }));
  return {
    id: r.id, sourceId: r.source_id, category: r.category, categoryCode: r.category_code, status: r.status, statusCode: r.status_code,
    createdAt: r.created_at, eventAt: r.event_at, modifiedAt: r.modified_at, verifiedAt: r.verified_at,
    lon: r.lon, lat: r.lat, x2180: r.x2180, y2180: r.y2180, teryt: r.teryt, unit: r.unit, beat: r.beat, officer: r.officer,
    description: r.description,
    district: r.district_id != null && r.district_name != null ? { id: r.district_id, name: r.district_name } : null,
    outsideTerritory: r.outside_territory === 1,
    history,
    imports,
  };
}
