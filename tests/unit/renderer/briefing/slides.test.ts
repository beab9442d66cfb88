import { describe, expect, it } from 'vitest';
import { slideKey, slideReducer, type SlideAction, type SlideState } from '../../../../src/renderer/briefing/slides';

const run = (s: SlideState, ...actions: SlideAction[]) => actions.reduce(slideReducer, s);

describe('slide navigation', () => {
  it('moves within the slides and stops at both ends', () => {
    const s: SlideState = { index: 0, count: 4 };
    expect(run(s, { type: 'next' })).toEqual({ index: 1, count: 4 });
    expect(run(s, { type: 'prev' }).index).toBe(0);
    expect(run(s, { type: 'next' }, { type: 'next' }, { type: 'next' }, { type: 'next' }).index).toBe(3);
    expect(run(s, { type: 'last' }).index).toBe(3);
    expect(run(s, { type: 'last' }, { type: 'first' }).index).toBe(0);
    expect(run(s, { type: 'goto', index: 2 }).index).toBe(2);
    expect(run(s, { type: 'goto', index: 99 }).index).toBe(3);
    expect(run(s, { type: 'goto', index: -5 }).index).toBe(0);
    expect(run(s, { type: 'goto', index: NaN }).index).toBe(0);
  });

  it('keeps the index valid when the number of slides changes', () => {
    expect(run({ index: 5, count: 6 }, { type: 'count', count: 3 })).toEqual({ index: 2, count: 3 });
    expect(run({ index: 1, count: 2 }, { type: 'count', count: 0 }, { type: 'next' }, { type: 'last' })).toEqual({ index: 0, count: 0 });
  });

  it('maps presentation keys', () => {
    for (const k of ['ArrowRight', 'PageDown', ' ', 'ArrowDown', 'Enter']) expect(slideKey(k)).toEqual({ type: 'next' });
    for (const k of ['ArrowLeft', 'PageUp', 'ArrowUp', 'Backspace']) expect(slideKey(k)).toEqual({ type: 'prev' });
    expect(slideKey(' ', true)).toEqual({ type: 'prev' });
    expect(slideKey('Home')).toEqual({ type: 'first' });
    expect(slideKey('End')).toEqual({ type: 'last' });
    expect(slideKey('Escape')).toBe('exit');
    expect(slideKey('f')).toBeNull();
    expect(slideKey('Tab')).toBeNull();
  });
});
