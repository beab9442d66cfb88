/**
 * Presenting public slides is an app-level state, not a view's: while presenting, the root renders the slides
 * ONLY, so no police data is in the page (nothing to reveal by Esc, printing or the DOM inspector). BriefingView
 * asks for it through this context; the root (workspace/Root.tsx) provides it.
 */
import { createContext, useContext } from 'react';
import type { PublicBriefingData } from '../../shared/contract/briefing';

export interface Presenting {
  present(data: PublicBriefingData): void;
}

export const PresentingContext = createContext<Presenting | null>(null);

export function usePresenting(): Presenting | null {
  return useContext(PresentingContext);
}
