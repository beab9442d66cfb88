import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BackendBanner } from './components/BackendBanner';
import { Root } from './workspace/Root';
import { I18nProvider } from './i18n/i18n';
import { PrintDocument } from './briefing/PrintDocument';
import { readPrintParam } from './briefing/printPayload';
import './styles.css';
import './ux.css';

// `#token=…&print=PAYLOAD`: the briefing print document instead of the app. Read before the API client
// takes the token out of the address bar (it reads the token from the same hash on first use).
const print = readPrintParam(window.location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      {print != null ? (
        <PrintDocument raw={print} />
      ) : (
        <div className="shell">
          <BackendBanner />
          <div className="shell-app">
            <Root />
          </div>
        </div>
      )}
    </I18nProvider>
  </StrictMode>,
);
