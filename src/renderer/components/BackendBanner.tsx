import { useEffect, useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { nextBanner, type Banner } from '../backendStatus';

/** The backend's state across the top of the window: it stopped, it is restarting, it is back, it is gone. */
export function BackendBanner() {
  const { tm } = useI18n();
  const [banner, setBanner] = useState<Banner | null>(null);
  useEffect(() => getClient().onEvent((e) => setBanner((prev) => nextBanner(prev, e))), []);
  useEffect(() => {
    if (!banner?.autoHideMs) return;
    const timer = setTimeout(() => setBanner((b) => (b === banner ? null : b)), banner.autoHideMs);
    return () => clearTimeout(timer);
  }, [banner]);
  if (!banner) return null;
  return (
    <div className={`backend-banner backend-banner--${banner.severity}`} role={banner.severity === 'error' ? 'alert' : 'status'} data-testid="backend-banner" data-kind={banner.kind}>
      <span className="backend-banner-icon" aria-hidden="true">{banner.severity === 'error' ? '⚠' : '✓'}</span>
      <span className="backend-banner-text">{tm(banner.message)}</span>
      {banner.dismissible && (
        <button type="button" className="backend-banner-close" onClick={() => setBanner(null)} aria-label={tm('desktop.backend.dismiss')} title={tm('desktop.backend.dismiss')}>
          ×
        </button>
      )}
    </div>
  );
}
