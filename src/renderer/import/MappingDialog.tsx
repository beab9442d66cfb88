/**
 * The column mapping dialog: what was detected (format, encoding, delimiter, coordinates in words with
 * an override), field -> column selects with required marks and confidence hints, a preview table
 * whose headers show the mapped field, presets, provenance, and validation before the start.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ImportInspection } from '../../shared/contract/import';
import type { ImportOptions, Mapping } from '../../core/import/mapping';
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField } from '../../core/import/types';
import { FILE_COORDINATE_KINDS, type FileCoordinateKind } from '../../core/import/coordinates';
import { useImportI18n } from './useImportI18n';
import { DEFAULT_PROVENANCE_KIND, IMPORT_PROVENANCE_KINDS, type ImportProvenanceKind } from '../../core/provenance';
import { kindLabel } from '../../shared/provenance';
import {
  cleanMapping,
  confidenceLevel,
  coordinateKindLabel,
  fieldLabel,
  mappingProblems,
  previewUsesDecimalComma,
  sameMapping,
} from './logic';
import { useI18n } from '../i18n/i18n';
import { CoordinatePreview } from './CoordinatePreview';

export interface Preset {
  name: string;
  mapping: Mapping;
  options: ImportOptions;
}

/** What the dialog asks for: the startImport input minus the source. */
export interface StartRequest {
  mapping?: Mapping;
  options?: ImportOptions;
  presetName?: string;
  savePresetAs?: string;
  provenance?: string;
  provenanceKind?: ImportProvenanceKind;
}

export type Overrides = Pick<ImportOptions, 'coordinateKind' | 'decimalComma' | 'encoding' | 'delimiter'>;

interface Props {
  fileName: string;
  inspection: ImportInspection;
  presets: Preset[];
  /** Re-inspecting with new options / preset is under way. */
  busy: boolean;
  provenanceSuggestions: string[];
  queueNote: string | null;
  onReinspect(options: Overrides, presetName: string | undefined): void;
  onStart(req: StartRequest): void;
  onCancel(): void;
  onDeletePreset(name: string): void;
}

const ENCODINGS = ['utf-8', 'windows-1250', 'iso-8859-2', 'utf-16le', 'utf-16be'] as const;
const DELIMITERS = [';', ',', '\t', '|'] as const;

function delimiterName(d: string, lang: 'pl' | 'en'): string {
  const pl: Record<string, string> = { ';': 'średnik ( ; )', ',': 'przecinek ( , )', '\t': 'tabulator', '|': 'kreska ( | )' };
  const en: Record<string, string> = { ';': 'semicolon ( ; )', ',': 'comma ( , )', '\t': 'tab', '|': 'pipe ( | )' };
  return (lang === 'pl' ? pl : en)[d] ?? JSON.stringify(d);
}

export function MappingDialog(props: Props) {
  const { fileName, inspection, presets, busy, onReinspect, onStart, onCancel, onDeletePreset } = props;
  const { t, lang, n } = useImportI18n();
  const { tm } = useI18n();
  const [outside, setOutside] = useState<'keep' | 'quarantine'>('keep');
  const undecided = inspection.coordinateKind === 'undecided';
  const [mapping, setMapping] = useState<Mapping>(inspection.mapping);
  const [edited, setEdited] = useState<Set<ImportField>>(new Set());
  const [overrides, setOverrides] = useState<Overrides>({});
  const [presetChoice, setPresetChoice] = useState<string>(inspection.presetName ?? '');
  const [savePreset, setSavePreset] = useState(false);
  const [presetNameInput, setPresetNameInput] = useState('');
  const [provenance, setProvenance] = useState(inspection.provenance?.text ?? '');
  // where the file comes from: remembered with the preset, else 'other' (shown, never hidden)
  const [provenanceKind, setProvenanceKind] = useState<ImportProvenanceKind>(inspection.provenance?.kind ?? DEFAULT_PROVENANCE_KIND);
  const firstSelect = useRef<HTMLSelectElement>(null);

  // A new inspection (other encoding, delimiter, preset, coordinate override) brings its mapping.
  useEffect(() => {
    setMapping(inspection.mapping);
    setEdited(new Set());
    setPresetChoice(inspection.presetName ?? '');
    if (inspection.provenance) {
      setProvenanceKind(inspection.provenance.kind);
      setProvenance(inspection.provenance.text ?? '');
    }
  }, [inspection]);

  // focus on Start, so the advertised "Enter — start the import" works; on the first column when the mapping
  // needs a decision first (issue 15)
  const startBtn = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    (startBtn.current && !startBtn.current.disabled ? startBtn.current : firstSelect.current)?.focus();
  }, []);

  const problems = useMemo(() => mappingProblems(mapping, inspection.headers, lang), [mapping, inspection.headers, lang]);
  const columnField = useMemo(() => {
    const m = new Map<string, ImportField>();
    for (const f of IMPORT_FIELDS) if (mapping[f] && !m.has(mapping[f]!)) m.set(mapping[f]!, f);
    return m;
  }, [mapping]);
  const xyChanged = mapping.x !== inspection.mapping.x || mapping.y !== inspection.mapping.y;
  const commaSeen = previewUsesDecimalComma(inspection.headers, inspection.preview, mapping.x);
  const fromPreset = inspection.mappingSource === 'preset' || inspection.mappingSource === 'signature-preset';

  const change = (o: Overrides) => {
    const next = { ...overrides, ...o };
    for (const k of Object.keys(next) as (keyof Overrides)[]) if (next[k] === undefined) delete next[k];
    setOverrides(next);
    onReinspect(next, presetChoice || undefined);
  };

  const setField = (f: ImportField, col: string) => {
    setMapping((m) => {
      const next = { ...m };
      if (col) next[f] = col;
      else delete next[f];
      return next;
    });
    setEdited((s) => new Set(s).add(f));
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (problems.length > 0 || busy || undecided) return;
    const clean = cleanMapping(mapping);
    const req: StartRequest = {};
    const unchanged = sameMapping(clean, inspection.mapping);
    const extra = inspection.hasTerritory && outside !== 'keep' ? { outsideTerritory: outside } : {};
    if (unchanged && fromPreset && inspection.presetName) {
      req.presetName = inspection.presetName;
      const options = { ...overrides, ...extra };
      if (Object.keys(options).length > 0) req.options = options;
    } else {
      req.mapping = clean;
      // The preset's coordinate order stays the preset's (the last evidence), not this import's decision.
      const { coordinateKind: _k, axisOrder: _a, ...presetOpts } = presets.find((p) => p.name === inspection.presetName)?.options ?? {};
      const options = { ...presetOpts, ...overrides, ...extra };
      if (Object.keys(options).length > 0) req.options = options;
    }
    if (savePreset && presetNameInput.trim()) req.savePresetAs = presetNameInput.trim().slice(0, 100);
    req.provenanceKind = provenanceKind;
    if (provenance.trim() || inspection.provenance?.text) req.provenance = provenance.trim().slice(0, 500);
    onStart(req);
  };

  const confidenceHint = (f: ImportField) => {
    if (!mapping[f]) return null;
    if (edited.has(f)) return <span className="imp-conf manual">{t('confManual')}</span>;
    if (fromPreset) return <span className="imp-conf preset">{t('confPreset')}</span>;
    const lvl = confidenceLevel(inspection.confidence[f]);
    if (!lvl) return null;
    const pct = Math.round((inspection.confidence[f] ?? 0) * 100);
    return (
      <span className={`imp-conf ${lvl}`} title={`${pct}%`} data-testid={`conf-${f}`}>
        {t(lvl === 'high' ? 'confHigh' : lvl === 'mid' ? 'confMid' : 'confLow')}
      </span>
    );
  };

  const isCsv = inspection.delimiter != null || inspection.encoding != null;

  return (
    <form className="imp-card imp-mapping" role="dialog" aria-label={t('mappingTitle', { file: fileName })} data-testid="import-mapping" onSubmit={submit} noValidate>
      <div className="imp-card-head">
        <h2>{t('mappingTitle', { file: fileName })}</h2>
        {props.queueNote && <span className="muted">{props.queueNote}</span>}
      </div>

      <section className="imp-detected" data-testid="import-detected">
        <div className="imp-kv">
          <span className="muted">{t('format')}</span>
          <strong data-testid="import-format">{inspection.format.toUpperCase()}</strong>
        </div>
        {isCsv && (
          <label className="imp-kv">
            <span className="muted">{t('encoding')}</span>
            <select data-testid="import-encoding" value={overrides.encoding ?? ''} onChange={(e) => change({ encoding: (e.target.value || undefined) as Overrides['encoding'] })} disabled={busy}>
              <option value="">{t('autoDetected', { value: inspection.encoding ?? '?' })}</option>
              {ENCODINGS.map((x) => (
                <option key={x} value={x}>{x}</option>
              ))}
            </select>
          </label>
        )}
        {isCsv && (
          <label className="imp-kv">
            <span className="muted">{t('delimiter')}</span>
            <select data-testid="import-delimiter" value={overrides.delimiter ?? ''} onChange={(e) => change({ delimiter: (e.target.value || undefined) as Overrides['delimiter'] })} disabled={busy}>
              <option value="">{t('autoDetected', { value: inspection.delimiter ? delimiterName(inspection.delimiter, lang) : '?' })}</option>
              {DELIMITERS.map((x) => (
                <option key={x} value={x}>{delimiterName(x, lang)}</option>
              ))}
            </select>
          </label>
        )}
        <label className="imp-kv">
          <span className="muted">{t('decimalComma')}</span>
          <select
            data-testid="import-decimal"
            value={overrides.decimalComma == null ? '' : overrides.decimalComma ? 'yes' : 'no'}
            onChange={(e) => change({ decimalComma: e.target.value === '' ? undefined : e.target.value === 'yes' })}
            disabled={busy}
          >
            <option value="">{commaSeen == null ? t('decimalAuto') : t('autoDetected', { value: commaSeen ? t('decimalYes') : t('decimalNo') })}</option>
            <option value="yes">{t('decimalYes')}</option>
            <option value="no">{t('decimalNo')}</option>
          </select>
        </label>
      </section>

      <section className={`imp-coords${inspection.coordinateKind === 'unknown' || undecided ? ' bad' : ''}`} data-testid="import-coordinates">
        <div className="imp-coords-main">
          <span className="muted">{t('coordinates')}:</span> <strong data-testid="import-coord-kind" data-kind={inspection.coordinateKind} data-decided-by={inspection.coordinate.decidedBy}>{coordinateKindLabel(inspection.coordinateKind, lang)}</strong>
        </div>
        <div className="imp-coords-why" data-testid="import-coord-why">
          {t('whyDecision')}: {tm(inspection.coordinate.msg)}
        </div>
        {inspection.coordinate.evidence.some((e) => e.verdict !== 'none' || e.straight + e.swapped > 0) && (
          <details className="imp-evidence" open={undecided}>
            <summary className="small">{tm('coords.evidence.title')}</summary>
            <ul className="small" data-testid="import-coord-evidence">
              {inspection.coordinate.evidence.filter((e) => e.checked > 0 && !(e.source === 'range' && e.straight + e.swapped === 0)).map((e) => (
                <li key={e.source} data-source={e.source} data-verdict={e.verdict}>
                  {tm('coords.source', { source: e.source })}: {tm('coords.evidence.row', { straight: e.straight, swapped: e.swapped, checked: e.checked })} — {tm('coords.evidence.verdict', { verdict: e.verdict })}
                </li>
              ))}
            </ul>
          </details>
        )}
        {undecided && <div className="imp-note" role="alert" data-testid="import-coord-choose">{tm('coords.choose')}</div>}
        {inspection.coordinate.previews && (undecided || overrides.coordinateKind) ? (
          <CoordinatePreview previews={inspection.coordinate.previews} chosenKind={overrides.coordinateKind ?? null} disabled={busy} onChoose={(k) => change({ coordinateKind: k as FileCoordinateKind })} />
        ) : inspection.coordinate.previews ? (
          <details className="imp-evidence">
            <summary className="small">{tm('coords.preview.title', { n: inspection.coordinate.previews[0]?.points.length ?? 0 })}</summary>
            <CoordinatePreview previews={inspection.coordinate.previews} chosenKind={inspection.coordinateKind} disabled={busy} onChoose={(k) => change({ coordinateKind: k as FileCoordinateKind })} />
          </details>
        ) : null}
        {xyChanged && <div className="imp-note">{t('coordChangedMapping')}</div>}
        <label className="imp-inline">
          {t('coordOverride')}:{' '}
          <select data-testid="import-coord-override" value={overrides.coordinateKind ?? ''} onChange={(e) => change({ coordinateKind: (e.target.value || undefined) as FileCoordinateKind | undefined })} disabled={busy}>
            <option value="">{t('coordAuto')}</option>
            {FILE_COORDINATE_KINDS.map((k) => (
              <option key={k} value={k}>{coordinateKindLabel(k, lang)}</option>
            ))}
          </select>
        </label>
      </section>

      {inspection.warnings.length > 0 && (
        <section className="imp-warnings" data-testid="import-warnings">
          <strong>{t('warnings')}:</strong>
          <ul>
            {[...new Set(inspection.warnings.map((w) => tm(w)))].map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}

      {inspection.hasTerritory && (
        <section className="imp-presets">
          <label className="imp-inline">
            {tm('territory.outsideOption')}:{' '}
            <select data-testid="import-outside" value={outside} onChange={(e) => setOutside(e.target.value as 'keep' | 'quarantine')} disabled={busy}>
              <option value="keep">{tm('territory.outside.keep')}</option>
              <option value="quarantine">{tm('territory.outside.quarantine')}</option>
            </select>
          </label>
        </section>
      )}

      <section className="imp-presets">
        <label className="imp-inline">
          {t('preset')}:{' '}
          <select
            data-testid="import-preset"
            value={presetChoice}
            disabled={busy}
            onChange={(e) => {
              setPresetChoice(e.target.value);
              if (e.target.value) onReinspect(overrides, e.target.value);
            }}
          >
            <option value="">{t('presetNone')}</option>
            {presets.map((p) => (
              <option key={p.name} value={p.name}>{p.name}</option>
            ))}
          </select>
        </label>
        {presetChoice && (
          <button
            type="button"
            className="imp-link"
            onClick={() => {
              if (window.confirm(t('presetDeleteConfirm', { name: presetChoice }))) {
                onDeletePreset(presetChoice);
                setPresetChoice('');
              }
            }}
          >
            {t('presetDelete')}
          </button>
        )}
        {inspection.mappingSource === 'signature-preset' && inspection.presetName && (
          <div className="imp-note info" data-testid="import-preset-auto">{t('presetAuto', { name: inspection.presetName })}</div>
        )}
        {inspection.mappingSource === 'preset' && inspection.presetName && <div className="imp-note info">{t('presetChosen', { name: inspection.presetName })}</div>}
        {inspection.mappingSource === 'automatic' && <div className="imp-note">{t('automaticMapping')}</div>}
      </section>

      <section>
        <h3>{t('fields')}</h3>
        <div className="imp-fields" data-testid="import-fields">
          {IMPORT_FIELDS.map((f, i) => {
            const req = REQUIRED_FIELDS.includes(f);
            const missing = req && !mapping[f];
            return (
              <label key={f} className={`imp-field${missing ? ' missing' : ''}`}>
                <span className="imp-field-name">
                  {fieldLabel(f, lang)}
                  {req && (
                    <span className="imp-req" title={t('requiredMark')} aria-label={t('requiredMark')}>
                      *
                    </span>
                  )}
                </span>
                <select ref={i === 0 ? firstSelect : undefined} data-testid={`map-${f}`} value={mapping[f] ?? ''} onChange={(e) => setField(f, e.target.value)} disabled={busy} aria-required={req}>
                  <option value="">{t('notMapped')}</option>
                  {inspection.headers.map((h) => (
                    <option key={h} value={h}>{h}</option>
                  ))}
                </select>
                <span className="imp-field-conf">{confidenceHint(f)}</span>
              </label>
            );
          })}
        </div>
        <div className="muted small">
          <span className="imp-req">*</span> {t('required')}
        </div>
      </section>

      <section>
        <h3>
          {t('preview')} <span className="muted small">— {t('previewRows', { n: n(inspection.preview.length) })}</span>
        </h3>
        <div className="imp-table-wrap imp-preview-wrap">
          <table className="imp-table imp-preview" data-testid="import-preview">
            <thead>
              <tr>
                {inspection.headers.map((h) => {
                  const f = columnField.get(h);
                  return (
                    <th key={h} className={f ? 'mapped' : 'unmapped'} data-testid="preview-header" data-column={h} data-field={f ?? ''}>
                      <div className="imp-col-name" title={h}>{h}</div>
                      <div className={`imp-col-field${f && REQUIRED_FIELDS.includes(f) ? ' req' : ''}`}>{f ? `→ ${fieldLabel(f, lang)}` : t('unmappedCol')}</div>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {inspection.preview.map((r, i) => (
                <tr key={i}>
                  {inspection.headers.map((h, j) => (
                    <td key={h} className={columnField.has(h) ? '' : 'unmapped'} title={r[j]}>
                      {r[j]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="imp-meta">
        <label className="imp-block">
          <span>{tm('provenance.ui.kind')}</span>
          <select data-testid="import-provenance-kind" value={provenanceKind} onChange={(e) => setProvenanceKind(e.target.value as ImportProvenanceKind)}>
            {IMPORT_PROVENANCE_KINDS.map((k) => (
              <option key={k} value={k}>{kindLabel(lang, k)}</option>
            ))}
          </select>
          <span className="muted small">
            {inspection.provenance && inspection.presetName ? `${tm('provenance.ui.remembered', { preset: inspection.presetName })} ` : ''}
            {tm('provenance.ui.kindHint')}
          </span>
        </label>
        <label className="imp-block">
          <span>{t('provenance')}</span>
          <input
            type="text"
            data-testid="import-provenance"
            value={provenance}
            maxLength={500}
            list="imp-provenance-list"
            placeholder={t('provenancePlaceholder')}
            onChange={(e) => setProvenance(e.target.value)}
          />
          <datalist id="imp-provenance-list">
            {props.provenanceSuggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <span className="muted small">{t('provenanceHint')}</span>
        </label>
        <div className="imp-block">
          <label className="imp-check">
            <input type="checkbox" data-testid="import-save-preset" checked={savePreset} onChange={(e) => setSavePreset(e.target.checked)} /> {t('savePreset')}
          </label>
          {savePreset && (
            <input type="text" data-testid="import-preset-name" value={presetNameInput} maxLength={100} placeholder={t('savePresetName')} aria-label={t('savePresetName')} onChange={(e) => setPresetNameInput(e.target.value)} />
          )}
          <span className="muted small">{t('savePresetHint')}</span>
        </div>
      </section>

      {problems.length > 0 && (
        <div className="imp-problems" role="alert" data-testid="import-problems">
          {problems.map((p) => (
            <div key={p.text}>{p.text}</div>
          ))}
        </div>
      )}

      <div className="imp-actions">
        {busy && <span className="muted">{t('reinspecting')}</span>}
        <span className="muted small imp-hint">{t('startHint')} · Esc — {t('cancel').toLowerCase()}</span>
        <button type="button" onClick={onCancel} data-testid="import-cancel-mapping">
          {t('cancel')}
        </button>
        <button type="submit" ref={startBtn} className="imp-primary" data-testid="import-start" disabled={busy || problems.length > 0 || undecided}>
          {t('startImport')}
        </button>
      </div>
    </form>
  );
}
