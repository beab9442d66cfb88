/**
 * Presentation-mode navigation: a reducer over the slide index and the key map. Pure, unit-tested.
 */

export interface SlideState {
  index: number;
  count: number;
}

export type SlideAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'goto'; index: number }
  | { type: 'count'; count: number };

const clamp = (i: number, count: number) => Math.max(0, Math.min(Math.max(0, count - 1), Math.trunc(i)));

export function slideReducer(s: SlideState, a: SlideAction): SlideState {
  switch (a.type) {
    case 'next':
      return { ...s, index: clamp(s.index + 1, s.count) };
    case 'prev':
      return { ...s, index: clamp(s.index - 1, s.count) };
    case 'first':
      return { ...s, index: 0 };
    case 'last':
      return { ...s, index: clamp(s.count - 1, s.count) };
    case 'goto':
      return { ...s, index: Number.isFinite(a.index) ? clamp(a.index, s.count) : s.index };
    case 'count':
      return { count: Math.max(0, a.count), index: clamp(s.index, a.count) };
  }
}

/** What a key does in presentation mode: a navigation action, 'exit', or null (not ours). */
export function slideKey(key: string, shift = false): SlideAction | 'exit' | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
      return { type: 'next' };
    case ' ':
    case 'Spacebar':
      return shift ? { type: 'prev' } : { type: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return { type: 'prev' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Escape':
    case 'Esc':
      return 'exit';
    default:
      return null;
  }
}
