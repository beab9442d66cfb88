/**
 * Performance marks exposed on `window.__rejonPerf` for the benchmark (bench/map.ts): the time from a
 * filter input to the next frame deck.gl rendered, and recent frame timestamps.
 */
interface PerfState {
  pendingInput: number | null;
  lastInputToFrameMs: number | null;
  inputToFrame: number[];
  frames: number[];
  lastCpuMs: number | null;
}

const state: PerfState = { pendingInput: null, lastInputToFrameMs: null, inputToFrame: [], frames: [], lastCpuMs: null };

export const perf = {
  /** Call at the start of handling a filter input event. */
  markInput(t = performance.now()): void {
    if (state.pendingInput == null) state.pendingInput = t;
  },
  cpu(ms: number): void {
    state.lastCpuMs = ms;
  },
  frameRendered(): void {
    const now = performance.now();
    state.frames.push(now);
    if (state.frames.length > 600) state.frames.splice(0, 300);
    if (state.pendingInput != null) {
      state.lastInputToFrameMs = now - state.pendingInput;
      state.inputToFrame.push(state.lastInputToFrameMs);
      if (state.inputToFrame.length > 200) state.inputToFrame.shift();
      state.pendingInput = null;
    }
  },
};

(window as unknown as { __rejonPerf?: PerfState }).__rejonPerf = state;
