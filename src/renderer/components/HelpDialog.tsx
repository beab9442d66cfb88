import { useI18n } from '../i18n/i18n';

export function HelpDialog({ onClose }: { onClose(): void }) {
  const { t, lang, tm } = useI18n();
  const rows: [string, string][] = [
    ['L', t('keyLayers')],
    ['F', t('keyFilters')],
    ['T', t('keyTimeline')],
    ['A', t('keyAnalyses')],
    [lang === 'pl' ? 'Spacja' : 'Space', t('keyPlay')],
    ['B', t('keyBasemap')],
    ['J', t('keyLang')],
    ['Esc', `${t('keyEsc')}; ${tm('ux.help.escInner')}`],
    ['?', t('keyHelp')],
    ['Tab / Shift+Tab', tm('ux.help.tab')],
    ['Enter', tm('ux.help.enter')],
  ];
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label={t('shortcuts')} data-testid="help" onClick={(e) => e.stopPropagation()}>
        <div className="panel-title row">
          <span>{t('shortcuts')}</span>
          <button className="link" onClick={onClose}>{t('close')}</button>
        </div>
        <table className="keys">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <td><kbd>{k}</kbd></td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <section className="guide" data-testid="guide">
          <h3>{tm('guide.title')}</h3>
          {(['map', 'legend', 'gistar', 'fdr', 'emerging', 'pai', 'suppression', 'sources'] as const).map((k) => (
            <p key={k} data-testid={`guide-${k}`}>{tm(`guide.${k}`)}</p>
          ))}
        </section>
      </div>
    </div>
  );
}
