/**
 * An analysis engine refusal in the user's terms: the engine (src/core/analysis) explains why it cannot run in an
 * English developer sentence; this turns it into a message code with parameters and what to do
 * (src/shared/i18n/catalog/analysis.ts), for the analysis panel, the briefing's method note and the CLI alike.
 * Anything not recognised keeps the engine's sentence as a parameter of a generic message.
 */
import { msg, type Msg } from '../core/message';

export function analysisErrorMsg(message: string): Msg {
  let m: RegExpExecArray | null;
  if ((m = /needs at least (\d+) features \(cells\) but got (\d+)/.exec(message))) return msg('analysis.error.tooFewCells', { min: Number(m[1]), got: Number(m[2]) });
  if ((m = /Moran's I needs at least (\d+) features/.exec(message))) return msg('analysis.error.tooFewCells', { min: Number(m[1]), got: `< ${m[1]}` });
  if (/zero variance/i.test(message)) return msg('analysis.error.noVariance');
  if (/No reports match the filter|Kernel density needs at least one point/.test(message)) return msg('analysis.error.noReports');
  if (/needs incidents with coordinates|No incidents fall into the time steps/.test(message)) return msg('analysis.error.tooFewReports');
  if ((m = /Only (\d+) cells x (\d+) steps/.exec(message))) return msg('analysis.error.tooFewBins', { cells: Number(m[1]), steps: Number(m[2]) });
  if (/needs at least 2 time steps/.test(message)) return msg('analysis.error.tooFewSteps');
  if (/same location|all points coincide/.test(message)) return msg('analysis.error.sameLocation');
  if ((m = /grid would have (\d+) cells \(limit (\d+)\)/.exec(message))) return msg('analysis.error.gridTooLarge', { cells: Number(m[1]), limit: Number(m[2]) });
  if (/^Invalid|invalid_type|too_small|too_big|Expected/.test(message)) return msg('analysis.error.badParam', { message });
  return msg('analysis.error.other', { message });
}
