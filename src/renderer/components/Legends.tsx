import type { LegendSpec } from '../map/legends';
import { useI18n } from '../i18n/i18n';

const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

/** Every visible layer's legend, with units. */
export function Legends({ specs }: { specs: LegendSpec[] }) {
  const { n } = useI18n();
  if (specs.length === 0) return null;
  return (
    <div className="legends" data-testid="legends">
      {specs.map((s) => (
        <div className="legend" key={s.id} data-testid={`legend-${s.id}`}>
          <div className="legend-title">
            {s.title} <span className="muted">[{s.unit}]</span>
          </div>
          {s.kind === 'ramp' ? (
            <>
              <div className="legend-ramp" style={{ background: `linear-gradient(to right, ${s.colors.map(rgb).join(',')})` }} />
              <div className="legend-ends">
                <span>{n(s.min)}</span>
                <span>{n(Math.round((s.max / 2) * 100) / 100)}</span>
                <span>≥ {n(s.max)}</span>
              </div>
            </>
          ) : (
            <div className="legend-classes">
              {s.items.map((it, i) => (
                <span key={i} className="legend-item">
                  <span className="swatch" style={{ background: rgb(it.color) }} />
                  {it.label}
                </span>
              ))}
            </div>
          )}
          {s.note && <div className="legend-note muted">{s.note}</div>}
        </div>
      ))}
    </div>
  );
}
