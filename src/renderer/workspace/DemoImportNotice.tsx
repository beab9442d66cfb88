/** Shown instead of the import when the demo is open: demo and real data never mix, so offer a real workspace. */
import { useI18n } from '../i18n/i18n';
import { useWorkspaceActions } from './actions';

export function DemoImportNotice({ onClose }: { onClose(): void }) {
  const { tm } = useI18n();
  const actions = useWorkspaceActions();
  return (
    <div className="ws-demo-notice" data-testid="demo-import-notice" role="alertdialog" aria-label={tm('workspace.ui.demoImport.title')}>
      <h2>{tm('workspace.ui.demoImport.title')} <span className="badge demo">{tm('workspace.ui.badge.demo')}</span></h2>
      <p>{tm('workspace.ui.demoImport.text')}</p>
      <div className="ws-actions left">
        <button className="primary" data-testid="demo-import-create" onClick={() => actions?.newWorkspace()}>{tm('workspace.ui.demoImport.create')}</button>
        <button data-testid="demo-import-open" onClick={() => actions?.openWorkspace()}>{tm('workspace.ui.demoImport.open')}</button>
        <button onClick={onClose}>{tm('workspace.ui.close')}</button>
      </div>
    </div>
  );
}
