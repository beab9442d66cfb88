/**
 * The print document: rendered instead of the app when the URL hash carries `print=PAYLOAD`
 * (see printPayload.ts). The backend opens it in headless Chromium / Electron and prints it to PDF
 * (A4 landscape, its own footer with page numbers in the bottom margin). Readiness is signalled on
 * <html>: data-print-ready="true" once every page is drawn, "error" (+ data-print-error) on failure.
 */
import { useEffect, useState } from 'react';
import type { BriefingData, PublicBriefingData } from '../../shared/contract/briefing';
import { getClient } from '../api/client';
import { BriefingLangProvider } from './i18n';
import { briefingMessages } from './messages';
import { PolicePages } from './PolicePages';
import { PublicPages } from './PublicPages';
import { decodePrintPayload, type PrintPayload } from './printPayload';
import './print.css';

export type PagesData = { kind: 'police'; data: BriefingData } | { kind: 'public'; data: PublicBriefingData; sections?: { title?: boolean; overview?: boolean } };

/** The pages of a police or public briefing (print document and the composer's preview). */
export function BriefingPages({ pages }: { pages: PagesData }) {
  return pages.kind === 'police' ? <PolicePages data={pages.data} /> : <PublicPages data={pages.data} sections={pages.sections} />;
}

function markError(message: string) {
  const el = document.documentElement;
  el.dataset.printError = message;
  el.dataset.printReady = 'error';
}

/** Load the data the payload asks for: the public method only for public documents. */
export async function loadPagesData(payload: PrintPayload): Promise<PagesData> {
  const api = getClient().api;
  if (payload.public) {
    const data = await api.getPublicBriefingData({ request: payload.request, options: payload.public });
    return { kind: 'public', data, sections: payload.request.sections };
  }
  return { kind: 'police', data: await api.getBriefingData({ request: payload.request }) };
}

export function PrintDocument({ raw }: { raw: string }) {
  const [state, setState] = useState<{ payload: PrintPayload | null; pages: PagesData | null; error: string | null }>(() => {
    try {
      return { payload: decodePrintPayload(raw), pages: null, error: null };
    } catch (e) {
      return { payload: null, pages: null, error: (e as Error).message };
    }
  });
  const lang = state.payload?.lang ?? 'pl';

  useEffect(() => {
    document.documentElement.classList.add('print-mode');
    document.documentElement.lang = lang;
    delete document.documentElement.dataset.printReady;
  }, [lang]);

  useEffect(() => {
    if (state.error) {
      markError(state.error);
      return;
    }
    if (!state.payload || state.pages) return;
    let cancelled = false;
    loadPagesData(state.payload).then(
      (pages) => {
        if (cancelled) return;
        document.title = pages.data.title;
        setState((s) => ({ ...s, pages }));
      },
      (e: Error) => {
        if (!cancelled) setState((s) => ({ ...s, error: e.message || String(e) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [state.payload, state.pages, state.error]);

  useEffect(() => {
    if (!state.pages) return;
    let cancelled = false;
    // every page is synchronous SVG/HTML: fonts loaded + two frames = laid out and painted
    void (async () => {
      try {
        await document.fonts?.ready;
      } catch {
        /* no font loading API: nothing to wait for */
      }
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      if (cancelled) return;
      const el = document.documentElement;
      el.dataset.printPages = String(document.querySelectorAll('.print-page').length);
      el.dataset.printReady = 'true';
    })();
    return () => {
      cancelled = true;
    };
  }, [state.pages]);

  if (state.error) {
    return (
      <div className="print-error" role="alert" data-testid="print-error">
        <h1>{briefingMessages[lang].printError}</h1>
        <p>{state.error}</p>
      </div>
    );
  }
  return (
    <BriefingLangProvider lang={lang}>
      <div className="print-doc" data-testid="print-doc">
        {state.pages ? <BriefingPages pages={state.pages} /> : <div className="print-loading">{briefingMessages[lang].loading}</div>}
      </div>
    </BriefingLangProvider>
  );
}
