import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type { ReportFilterInput } from '../../shared/contract';
import type { BeatFilter, BeatStats, DistrictEditResult, DistrictStatsResult } from '../../shared/contract/districts';
import { getClient } from '../api/client';
import { BeatEditor, type EditorKind } from './beatEditor';
import { ImportDialog, ValidationReport } from './ImportDialog';
import { useDistrictMessages, type DistrictMessageKey } from './messages';
import './districts.css';
import { TerritorySection } from './TerritorySection';
import { useI18n } from '../i18n/i18n';

/**
 * Beat districts view: beat list sorted by any statistic, import of beat files, drawing and editing.
 * Mounted by App (side panel).
 */
export interface DistrictsViewProps {
  /** The current filter (stats are computed for it). */
  filter: ReportFilterInput;
  selectedDistrictId: number | null;
  /** Select a beat: App zooms to it and opens its drill-down panel. */
  onSelectDistrict(id: number | null): void;
  /** Beats were imported or edited: App reloads districts and report columns. */
  onChanged(): void;
  /** The map, for drawing and editing beats (null until it has loaded). */
  map: MapLibreMap | null;
  /** Set when beats may not be imported here (the demo workspace): called instead of opening the import dialog. */
  onImportBlocked?(): void;
  /** Significance level for marking changes (default 0.05). */
  alpha?: number;
}

type SortKey = 'name' | 'count' | 'ratePerKm2' | 'changePct' | 'pValue' | 'confirmedShare' | 'medianVerificationHours';

const COLUMNS: { key: SortKey; label: DistrictMessageKey; long: DistrictMessageKey; defaultDir: 1 | -1 }[] = [
  { key: 'name', label: 'beat', long: 'beat', defaultDir: 1 },
  { key: 'count', label: 'count', long: 'countLong', defaultDir: -1 },
  { key: 'ratePerKm2', label: 'rate', long: 'rateLong', defaultDir: -1 },
  { key: 'changePct', label: 'change', long: 'changeLong', defaultDir: -1 },
  { key: 'pValue', label: 'pValue', long: 'pValueLong', defaultDir: 1 },
  { key: 'confirmedShare', label: 'confirmed', long: 'confirmedLong', defaultDir: -1 },
  { key: 'medianVerificationHours', label: 'verification', long: 'verificationLong', defaultDir: -1 },
];

const FILTER_KEYS = ['from', 'to', 'categories', 'statuses', 'categoryCodes', 'statusCodes', 'districtIds', 'hours', 'weekdays', 'territory'] as const;

/** Only the keys the stats method knows (the App's filter may carry more). */
function beatFilter(f: ReportFilterInput | Record<string, unknown>): BeatFilter {
  const out: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) {
    const v = (f as Record<string, unknown>)[k];
    if (v != null && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  }
  return out as BeatFilter;
}

interface BeatSnapshot { id: number; name: string; officer: string | null; unit: string | null; kind: string; geometry: Polygon | MultiPolygon }
/** One undoable saved edit: for each beat, what it was before (null = did not exist) and its id after (null = gone). */
type UndoEntry = { label: string; changes: { before: BeatSnapshot | null; afterId: number | null }[] };

function compare(a: BeatStats, b: BeatStats, key: SortKey, dir: 1 | -1): number {
  if (key === 'name') return dir * a.name.localeCompare(b.name, 'pl', { numeric: true });
  const x = a[key], y = b[key];
  if (x == null && y == null) return a.name.localeCompare(b.name, 'pl', { numeric: true });
  if (x == null) return 1; // empty values last in both directions
  if (y == null) return -1;
  return dir * (x - y) || a.name.localeCompare(b.name, 'pl', { numeric: true });
}

export function DistrictsView(props: DistrictsViewProps) {
  const { filter, selectedDistrictId, onSelectDistrict, onChanged, map, onImportBlocked } = props;
  const { d, n, lang } = useDistrictMessages();
  const { tm } = useI18n();
  const client = getClient();
  const api = client.api;
  const [stats, setStats] = useState<DistrictStatsResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'count', dir: -1 });
  const [multi, setMulti] = useState<number[]>([]);
  const [dialog, setDialog] = useState<null | 'import' | 'rename' | 'delete' | 'merge' | 'teryt'>(null);
  const [editor, setEditor] = useState<{ kind: EditorKind; editor: BeatEditor; targetId: number | null } | null>(null);
  const [editorVersion, setEditorVersion] = useState(0);
  const [form, setForm] = useState<{ name: string; name2: string; officer: string; unit: string }>({ name: '', name2: '', officer: '', unit: '' });
  const [lastResult, setLastResult] = useState<{ text: string; result?: DistrictEditResult } | null>(null);
  const [undoStack, setUndoStack] = useState<UndoEntry[]>([]);
  const [outsideList, setOutsideList] = useState<{ id: number; sourceId: string; createdAt: number; category: string }[] | null>(null);
  const [teryt, setTeryt] = useState<Awaited<ReturnType<typeof api.getTerytMismatches>> | null>(null);
  const filterKey = JSON.stringify(beatFilter(filter));
  const requestSeq = useRef(0);

  const loadStats = useCallback(async () => {
    const seq = ++requestSeq.current;
    setLoading(true);
    try {
      const r = await api.getDistrictStats({ filter: JSON.parse(filterKey) as BeatFilter, ...(props.alpha ? { alpha: props.alpha } : {}) });
      if (seq === requestSeq.current) {
        setStats(r);
        setError(null);
      }
    } catch (e) {
      if (seq === requestSeq.current) setError((e as Error).message);
    } finally {
      if (seq === requestSeq.current) setLoading(false);
    }
  }, [api, filterKey, props.alpha]);

  useEffect(() => {
    void loadStats();
    return client.onEvent((e) => {
      if (e.type === 'workspace-changed') void loadStats();
    });
  }, [client, loadStats]);

  useEffect(() => () => editor?.editor.destroy(), [editor]);

  const rows = useMemo(() => (stats ? [...stats.beats].sort((a, b) => compare(a, b, sort.key, sort.dir)) : []), [stats, sort]);
  const selected = stats?.beats.find((b) => b.id === selectedDistrictId) ?? null;

  const fmtPct = (x: number | null) => (x == null ? '–' : `${x > 0 ? '+' : ''}${n(Math.round(x))}%`);
  const fmtP = (p: number) => (p < 0.001 ? '<0,001' : p.toFixed(3)).replace('.', lang === 'pl' ? ',' : '.').replace(',', lang === 'pl' ? ',' : '.');
  const fmt1 = (x: number | null) => (x == null ? '–' : n(Math.round(x * 10) / 10));

  const snapshotOf = async (id: number): Promise<BeatSnapshot> => {
    const b = await api.getDistrict({ id });
    return { id: b.id, name: b.name, officer: b.officer, unit: b.unit, kind: b.kind, geometry: b.geometry as Polygon | MultiPolygon };
  };

  const afterEdit = (label: string, result: DistrictEditResult | null, undo: UndoEntry | null) => {
    if (undo) setUndoStack((s) => [...s.slice(-19), undo]);
    setLastResult({ text: result ? `${label}: ${d('reassigned')} ${n(result.changed)}` : label, result: result ?? undefined });
    onChanged();
    void loadStats();
  };

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  // ---- drawing / editing on the map

  const startEditor = (kind: EditorKind) =>
    run(async () => {
      if (!map) return;
      editor?.editor.destroy();
      const geo = await api.getDistrictsGeoJson({});
      const neighbours = geo.features
        .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
        .map((f) => ({ id: Number(f.properties?.id), geometry: f.geometry as unknown as Polygon | MultiPolygon }));
      let edited: { id: number; geometry: Polygon } | undefined;
      if (kind === 'edit' || kind === 'split') {
        if (selectedDistrictId == null) return;
        const b = await snapshotOf(selectedDistrictId);
        if (kind === 'edit') {
          if (b.geometry.type !== 'Polygon') throw new Error(lang === 'pl' ? 'Edycja wierzchołków działa dla rejonów jednoczęściowych; rejon wieloczęściowy podziel lub narysuj od nowa.' : 'Vertex editing works on single-part beats; split or redraw a multi-part beat.');
          edited = { id: b.id, geometry: b.geometry };
        }
        setForm({ name: b.name, name2: `${b.name} (2)`, officer: b.officer ?? '', unit: b.unit ?? '' });
      } else {
        setForm({ name: '', name2: '', officer: '', unit: '' });
      }
      const ed = new BeatEditor(map, kind, neighbours, edited);
      ed.onChange(() => setEditorVersion((v) => v + 1));
      setEditor({ kind, editor: ed, targetId: kind === 'draw' ? null : selectedDistrictId });
    });

  const closeEditor = () => {
    editor?.editor.destroy();
    setEditor(null);
  };

  const saveEditor = () =>
    run(async () => {
      if (!editor) return;
      const g = editor.editor.geometry();
      if (!g) return;
      if (editor.kind === 'draw' && g.type === 'Polygon') {
        const r = await api.saveDistrict({ name: form.name.trim(), officer: form.officer.trim() || null, unit: form.unit.trim() || null, geometry: g as never });
        closeEditor();
        afterEdit(`${d('saved')} „${form.name.trim()}”`, r, { label: d('draw'), changes: [{ before: null, afterId: r.ids[0] }] });
      } else if (editor.kind === 'edit' && g.type === 'Polygon' && editor.targetId != null) {
        const before = await snapshotOf(editor.targetId);
        const r = await api.saveDistrict({ id: editor.targetId, name: form.name.trim(), officer: form.officer.trim() || null, unit: form.unit.trim() || null, geometry: g as never });
        closeEditor();
        afterEdit(`${d('saved')} „${form.name.trim()}”`, r, { label: d('edit'), changes: [{ before, afterId: editor.targetId }] });
      } else if (editor.kind === 'split' && g.type === 'LineString' && editor.targetId != null) {
        const before = await snapshotOf(editor.targetId);
        const r = await api.splitDistrict({ id: editor.targetId, line: g as LineString as never, names: [form.name.trim(), form.name2.trim()] });
        closeEditor();
        afterEdit(`${d('split')}: „${form.name.trim()}” / „${form.name2.trim()}”`, r, { label: d('split'), changes: [{ before: null, afterId: r.ids[1] }, { before, afterId: r.ids[0] }] });
      }
    });

  // ---- saved-edit undo: deletions of created beats first, then restores, then re-creations

  const undoLast = () =>
    run(async () => {
      const entry = undoStack[undoStack.length - 1];
      if (!entry) return;
      const created = entry.changes.filter((c) => c.before == null && c.afterId != null);
      const restored = entry.changes.filter((c) => c.before != null && c.afterId != null);
      const recreated = entry.changes.filter((c) => c.before != null && c.afterId == null);
      for (const c of created) await api.deleteDistrict({ id: c.afterId! });
      for (const c of restored) {
        const b = c.before!;
        await api.saveDistrict({ id: c.afterId!, name: b.name, officer: b.officer, unit: b.unit, kind: b.kind, geometry: b.geometry as never });
      }
      for (const c of recreated) {
        const b = c.before!;
        await api.saveDistrict({ name: b.name, officer: b.officer, unit: b.unit, kind: b.kind, geometry: b.geometry as never });
      }
      setUndoStack((s) => s.slice(0, -1));
      afterEdit(`${d('undo')}: ${entry.label}`, null, null);
    });

  // ---- dialogs

  const openRename = () => {
    if (!selected) return;
    setForm({ name: selected.name, name2: '', officer: selected.officer ?? '', unit: selected.unit ?? '' });
    setDialog('rename');
  };

  const doRename = () =>
    run(async () => {
      if (!selected) return;
      const before = await snapshotOf(selected.id);
      await api.renameDistrict({ id: selected.id, name: form.name.trim(), officer: form.officer.trim() || null, unit: form.unit.trim() || null });
      setDialog(null);
      afterEdit(`${d('rename')}: „${form.name.trim()}”`, null, { label: d('rename'), changes: [{ before, afterId: selected.id }] });
    });

  const doDelete = () =>
    run(async () => {
      if (!selected) return;
      const before = await snapshotOf(selected.id);
      const r = await api.deleteDistrict({ id: selected.id });
      setDialog(null);
      onSelectDistrict(null);
      afterEdit(`${d('delete')}: „${before.name}”`, r, { label: d('delete'), changes: [{ before, afterId: null }] });
    });

  const mergeIds = multi.length >= 2 ? multi : [];
  const doMerge = () =>
    run(async () => {
      const befores = await Promise.all(mergeIds.map((id) => snapshotOf(id)));
      const r = await api.mergeDistricts({ ids: mergeIds, name: form.name.trim() });
      setDialog(null);
      setMulti([]);
      afterEdit(`${d('merge')}: „${form.name.trim()}”`, r, { label: d('merge'), changes: befores.map((b) => ({ before: b, afterId: b.id === r.ids[0] ? r.ids[0] : null })) });
    });

  const showOutside = () =>
    run(async () => {
      if (outsideList) return setOutsideList(null);
      const r = await api.listOutsideReports({ filter: JSON.parse(filterKey) as BeatFilter, limit: 20 });
      setOutsideList(r.rows.map((x) => ({ id: x.id, sourceId: x.sourceId, createdAt: x.createdAt, category: x.category })));
    });

  const checkTeryt = () =>
    run(async () => {
      setTeryt(await api.getTerytMismatches({ filter: JSON.parse(filterKey) as BeatFilter, limit: 200 }));
      setDialog('teryt');
    });

  const onRowClick = (e: React.MouseEvent, id: number) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) {
      setMulti((m) => (m.includes(id) ? m.filter((x) => x !== id) : [...m, id]));
      return;
    }
    setMulti([id]);
    onSelectDistrict(id);
  };

  const period = stats
    ? `${new Date(stats.from).toLocaleDateString(lang === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: 'Europe/Warsaw' })} – ${new Date(stats.to - 1).toLocaleDateString(lang === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: 'Europe/Warsaw' })}`
    : '';
  const previous = stats
    ? `${new Date(stats.previousFrom).toLocaleDateString(lang === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: 'Europe/Warsaw' })} – ${new Date(stats.previousTo - 1).toLocaleDateString(lang === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: 'Europe/Warsaw' })}`
    : '';
  const editorGeometry = editor ? editor.editor.geometry() : null;
  void editorVersion;

  return (
    <div className="districts-view" data-testid="districts-view" data-loading={loading ? 'true' : 'false'}>
      <div className="dv-head">
        <div className="dv-title">{d('title')}</div>
        {stats && (
          <div className="dv-muted" data-testid="stats-period">
            {d('period')}: {period} <span title={d('previous')}>({d('previous')}: {previous})</span>
          </div>
        )}
      </div>

      <div className="dv-toolbar">
        <button data-testid="beats-import" onClick={() => (onImportBlocked ? onImportBlocked() : setDialog('import'))} disabled={!!editor}>{d('importBeats')}</button>
        <button data-testid="beats-draw" onClick={() => void startEditor('draw')} disabled={!map || !!editor}>{d('draw')}</button>
        <button data-testid="beats-edit" onClick={() => void startEditor('edit')} disabled={!map || !!editor || selected == null}>{d('edit')}</button>
        <button data-testid="beats-split" onClick={() => void startEditor('split')} disabled={!map || !!editor || selected == null}>{d('split')}</button>
        <button data-testid="beats-merge" onClick={() => { setForm({ name: stats?.beats.find((b) => b.id === mergeIds[0])?.name ?? '', name2: '', officer: '', unit: '' }); setDialog('merge'); }} disabled={!!editor || mergeIds.length < 2} title={d('mergeHint')}>{d('merge')}{mergeIds.length >= 2 ? ` (${mergeIds.length})` : ''}</button>
        <button data-testid="beats-rename" onClick={openRename} disabled={!!editor || selected == null}>{d('rename')}</button>
        <button data-testid="beats-delete" onClick={() => setDialog('delete')} disabled={!!editor || selected == null}>{d('delete')}</button>
        <button data-testid="beats-undo" onClick={() => void undoLast()} disabled={!!editor || undoStack.length === 0} title={undoStack[undoStack.length - 1]?.label}>↶ {d('undo')}</button>
      </div>

      {editor && (
        <div className="dv-editor" data-testid="beat-editor">
          <div className="dv-muted">{editor.kind === 'draw' ? d('drawHint') : editor.kind === 'edit' ? d('editHint') : d('splitHint')}</div>
          {editor.kind === 'split' ? (
            <div className="dv-grid">
              <label className="dv-field"><span>{d('splitNames')}</span><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
              <label className="dv-field"><span>&nbsp;</span><input value={form.name2} onChange={(e) => setForm({ ...form, name2: e.target.value })} /></label>
            </div>
          ) : (
            <div className="dv-grid">
              <label className="dv-field"><span>{editor.kind === 'draw' ? d('newBeatName') : d('name')}</span><input data-testid="beat-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
              <label className="dv-field"><span>{d('officer')}</span><input value={form.officer} onChange={(e) => setForm({ ...form, officer: e.target.value })} /></label>
              <label className="dv-field"><span>{d('unit')}</span><input value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} /></label>
            </div>
          )}
          <div className="dv-actions">
            <button onClick={() => editor.editor.undo()} disabled={!editor.editor.canUndo()}>↶ {d('undo')}</button>
            <button data-testid="beat-save" onClick={() => void saveEditor()} disabled={!editorGeometry || !form.name.trim() || (editor.kind === 'split' && !form.name2.trim())}>{d('save')}</button>
            <button onClick={closeEditor}>{d('cancel')}</button>
          </div>
        </div>
      )}

      <TerritorySection hasBeats={(stats?.beats.length ?? 0) > 0} onChanged={() => { onChanged(); void loadStats(); }} />

      {error && <div className="dv-error" role="alert">{error}</div>}
      {lastResult && (
        <div className="dv-result" data-testid="edit-result">
          {lastResult.text}
          {lastResult.result && lastResult.result.validation.issues.length > 0 && <ValidationReport v={lastResult.result.validation} />}
        </div>
      )}

      {stats && stats.beats.length === 0 && <div className="dv-muted dv-empty">{d('noBeats')}</div>}
      {stats && stats.beats.length > 0 && (
        <div className="dv-table-wrap">
          <table className="dv-table" data-testid="beat-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} title={d(c.long)} className={c.key === 'name' ? 'txt' : 'num'} aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                    <button data-testid={`sort-${c.key}`} onClick={() => setSort((s) => (s.key === c.key ? { key: c.key, dir: (s.dir * -1) as 1 | -1 } : { key: c.key, dir: c.defaultDir }))}>
                      {d(c.label)}
                      {sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr
                  key={b.id}
                  data-testid="beat-row"
                  data-id={b.id}
                  data-significant={b.significant ? 'true' : 'false'}
                  className={`${b.id === selectedDistrictId ? 'selected' : ''} ${multi.includes(b.id) && multi.length > 1 ? 'multi' : ''}`}
                  onClick={(e) => onRowClick(e, b.id)}
                  title={[b.officer, b.unit].filter(Boolean).join(' · ')}
                >
                  <td className="txt name">{b.name}</td>
                  <td className="num">{n(b.count)}</td>
                  <td className="num">{fmt1(b.ratePerKm2)}</td>
                  <td className={`num ${b.significant ? (b.change > 0 ? 'up' : 'down') : ''}`}>
                    {b.significant ? (b.change > 0 ? '▲' : '▼') : ''}
                    {fmtPct(b.changePct)}
                  </td>
                  <td className={`num ${b.significant ? 'sig' : ''}`}>{fmtP(b.pValue)}{b.significant ? '*' : ''}</td>
                  <td className="num">{b.confirmedShare == null ? '–' : `${Math.round(100 * b.confirmedShare)}%`}</td>
                  <td className="num">{fmt1(b.medianVerificationHours)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="outside" data-testid="outside-row" onClick={() => void showOutside()}>
                <td className="txt">({d('outside')})</td>
                <td className="num" data-testid="outside-count">{n(stats.outside.count)}</td>
                <td className="num">–</td>
                <td className="num">{fmtPct(stats.outside.changePct)}</td>
                <td className="num">{fmtP(stats.outside.pValue)}</td>
                <td className="num">{stats.outside.confirmedShare == null ? '–' : `${Math.round(100 * stats.outside.confirmedShare)}%`}</td>
                <td className="num">{fmt1(stats.outside.medianVerificationHours)}</td>
              </tr>
              <tr className="whole" data-testid="whole-row" data-count={stats.whole.count} data-area-source={stats.areaSource ?? ''}>
                <td className="txt">{tm('territory.stats.whole')}</td>
                <td className="num" data-testid="whole-count">{n(stats.whole.count)}</td>
                <td className="num">{fmt1(stats.whole.ratePerKm2)}</td>
                <td className="num">{fmtPct(stats.whole.changePct)}</td>
                <td className="num">{fmtP(stats.whole.pValue)}</td>
                <td className="num">{stats.whole.confirmedShare == null ? '–' : `${Math.round(100 * stats.whole.confirmedShare)}%`}</td>
                <td className="num">{fmt1(stats.whole.medianVerificationHours)}</td>
              </tr>
              {stats.outsideTerritory && (
                <tr className="outside" data-testid="outside-territory-row" data-count={stats.outsideTerritory.count}>
                  <td className="txt">({tm('territory.stats.outsideTerritory')})</td>
                  <td className="num">{n(stats.outsideTerritory.count)}</td>
                  <td className="num">–</td>
                  <td className="num">{fmtPct(stats.outsideTerritory.changePct)}</td>
                  <td className="num">{fmtP(stats.outsideTerritory.pValue)}</td>
                  <td className="num">{stats.outsideTerritory.confirmedShare == null ? '–' : `${Math.round(100 * stats.outsideTerritory.confirmedShare)}%`}</td>
                  <td className="num">{fmt1(stats.outsideTerritory.medianVerificationHours)}</td>
                </tr>
              )}
            </tfoot>
          </table>
          {outsideList && (
            <ul className="dv-outside-list" data-testid="outside-list">
              {outsideList.map((r) => (
                <li key={r.id} data-source-id={r.sourceId}>{tm('provenance.ui.reportNoShort', { id: r.sourceId })} · {new Date(r.createdAt).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: 'Europe/Warsaw' })} · {r.category}</li>
              ))}
            </ul>
          )}
          <div className="dv-muted dv-note">{d('significantNote')}</div>
          <button className="dv-link" data-testid="teryt-check" onClick={() => void checkTeryt()}>{d('terytCheck')}</button>
        </div>
      )}

      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={() => {
            setUndoStack([]);
            onChanged();
            void loadStats();
          }}
        />
      )}
      {(dialog === 'rename' || dialog === 'delete' || dialog === 'merge') && (
        <div className="dv-modal-backdrop" role="dialog">
          <div className="dv-modal">
            {dialog === 'rename' && (
              <>
                <div className="dv-modal-title">{d('rename')}</div>
                <label className="dv-field"><span>{d('name')}</span><input data-testid="rename-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
                <label className="dv-field"><span>{d('officer')}</span><input value={form.officer} onChange={(e) => setForm({ ...form, officer: e.target.value })} /></label>
                <label className="dv-field"><span>{d('unit')}</span><input value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} /></label>
                <div className="dv-actions"><button data-testid="rename-save" disabled={!form.name.trim()} onClick={() => void doRename()}>{d('save')}</button><button onClick={() => setDialog(null)}>{d('cancel')}</button></div>
              </>
            )}
            {dialog === 'delete' && selected && (
              <>
                <div className="dv-modal-title">{d('confirmDelete')} „{selected.name}”?</div>
                <div className="dv-actions"><button data-testid="delete-confirm" onClick={() => void doDelete()}>{d('delete')}</button><button onClick={() => setDialog(null)}>{d('cancel')}</button></div>
              </>
            )}
            {dialog === 'merge' && (
              <>
                <div className="dv-modal-title">{d('merge')}: {mergeIds.map((id) => stats?.beats.find((b) => b.id === id)?.name).join(' + ')}</div>
                <label className="dv-field"><span>{d('mergedName')}</span><input data-testid="merge-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
                <div className="dv-actions"><button data-testid="merge-confirm" disabled={!form.name.trim()} onClick={() => void doMerge()}>{d('merge')}</button><button onClick={() => setDialog(null)}>{d('cancel')}</button></div>
              </>
            )}
            {error && <div className="dv-error">{error}</div>}
          </div>
        </div>
      )}
      {dialog === 'teryt' && teryt && (
        <div className="dv-modal-backdrop" role="dialog" data-testid="teryt-dialog">
          <div className="dv-modal">
            <div className="dv-modal-title">{d('terytTitle')}</div>
            <div className="dv-muted">{teryt.coverageNote}</div>
            <div>
              <b>{n(teryt.mismatchCount)}</b> {d('terytMismatches')} ({n(teryt.checked)} / {n(teryt.total)}; {n(teryt.mismatches.filter((m) => !m.certain).length)} {d('uncertain')})
            </div>
            <ul className="dv-outside-list">
              {teryt.mismatches.slice(0, 50).map((m) => (
                <li key={m.id} className={m.certain ? '' : 'uncertain'}>
                  {tm('provenance.ui.reportNoShort', { id: m.sourceId })} · TERYT {m.teryt} ({m.terytPowiatName ?? m.terytPowiat}) ≠ {m.pointPowiatName ?? '?'}{m.borderDistanceM != null ? ` · ${n(Math.round(m.borderDistanceM))} m` : ''}
                </li>
              ))}
            </ul>
            <div className="dv-actions"><button onClick={() => setDialog(null)}>{d('close')}</button></div>
          </div>
        </div>
      )}
    </div>
  );
}
