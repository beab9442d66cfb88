import { describe, expect, it } from 'vitest';
import { bandOfWindow, beatSummary, hoursLabel, MIN_REPORTS_FOR_CHANGE, timePattern } from '../../../../src/core/briefing/summary';
import { hoursText, summaryText } from '../../../../src/shared/briefingText';
import { translate } from '../../../../src/shared/i18n';
import { msg } from '../../../../src/core/message';

const empty = () => Array.from({ length: 7 }, () => new Array(24).fill(0));
function matrix(hours: Record<number, number>, days = [0, 1, 2, 3, 4, 5, 6]): number[][] {
  const m = empty();
  for (const [h, n] of Object.entries(hours)) for (let k = 0; k < n; k++) m[days[k % days.length]][Number(h)]++;
  return m;
}
const cats = [{ name: 'Nieprawidłowe parkowanie', count: 30 }, { name: 'Akty wandalizmu', count: 10 }];

describe('time-of-day words match their hours', () => {
  it('the word is the day part holding the window', () => {
    expect(bandOfWindow(17, 21)).toBe('evening'); // was "rano (17:00–21:00)"
    expect(bandOfWindow(7, 11)).toBe('morning'); // was "po południu (07:00–11:00)"
    expect(bandOfWindow(16, 20)).toBe('afternoonEvening');
    expect(bandOfWindow(22, 26)).toBe('night');
    expect(bandOfWindow(20, 24)).toBe('eveningNight');
    expect(bandOfWindow(4, 8)).toBe('nightMorning');
    expect(bandOfWindow(11, 15)).toBe('day');
  });

  it('a summary names the peak window with its own word', () => {
    const s = beatSummary({ name: 'Rejon 3 – Dworzec', count: 40, previousCount: 30, pValue: 0.3, categories: cats, hourWeekday: matrix({ 17: 10, 18: 10, 19: 10, 20: 8, 3: 1, 12: 1 }) });
    const text = summaryText('pl', s);
    expect(text).toContain('w godzinach wieczornych (17:00–21:00)');
    expect(text).not.toMatch(/rano \(17/);
    expect(summaryText('en', s)).toContain('in the evening (17:00–21:00)');
  });

  it('hotspot hours as a message, weekdays in the language', () => {
    const m = hoursLabel(matrix({ 18: 12, 19: 12, 20: 12, 21: 12 }, [4, 5]));
    expect(hoursText('pl', m)).toBe('18:00–22:00, pt–sb');
    expect(hoursText('en', m)).toBe('18:00–22:00, Fri–Sat');
    expect(translate('pl', hoursLabel(empty()))).toBe('bez wyraźnej pory');
    expect(timePattern(empty()).band).toBeNull();
  });
});

describe('too few reports to judge a change', () => {
  it(`below ${MIN_REPORTS_FOR_CHANGE} reports in both periods: counts only, no percentage, no p-value, no time pattern`, () => {
    const s = beatSummary({ name: 'Rejon 10 – Wierzeje', count: 9, previousCount: 3, pValue: 0.08, categories: [{ name: 'Akty wandalizmu', count: 6 }, { name: 'Żebractwo', count: 3 }], hourWeekday: matrix({ 20: 9 }) });
    const text = summaryText('pl', s);
    expect(text).toContain('odnotowano 9 zgłoszeń (w okresie porównawczym: 3)');
    expect(text).toContain(`To za mało, by ocenić zmianę (poniżej ${MIN_REPORTS_FOR_CHANGE} zgłoszeń łącznie w obu okresach)`);
    expect(text).not.toMatch(/%|p [=<]|koncentrują/);
    expect(text).toContain('akty wandalizmu (6) i żebractwo (3)');
    expect(summaryText('en', s)).toContain('Too few to judge a change');
  });

  it(`from ${MIN_REPORTS_FOR_CHANGE} reports on: the change with its p-value`, () => {
    const s = beatSummary({ name: 'Rejon 1', count: 14, previousCount: 6, pValue: 0.115, categories: cats, hourWeekday: empty() });
    expect(summaryText('pl', s)).toContain('W rejonie 1 odnotowano 14 zgłoszeń wobec 6 w okresie porównawczym (+133%; p = 0,12, zmiana nieistotna statystycznie).');
  });
});

describe('the hotspot sentence follows the hotspot summary it is given', () => {
  const base = { name: 'Rejon 1', count: 50, previousCount: 40, pValue: 0.3, categories: cats, hourWeekday: empty() };
  it('none found, found, not analysed', () => {
    expect(summaryText('pl', beatSummary({ ...base, hotspots: { analysed: true, count: 0, top: null } }))).toContain('Nie wykryto istotnych statystycznie skupisk (Gi*).');
    const found = summaryText('pl', beatSummary({ ...base, hotspots: { analysed: true, count: 3, top: { location: msg('hotspots.place.at', { name: 'Dworzec PKP' }), count: 12 } } }));
    expect(found).toContain('Wykryto 3 istotne statystycznie skupiska (Gi*); największe: Dworzec PKP – 12 zgłoszeń.');
    // the place is a message inside the sentence, translated with it
    const near = beatSummary({ ...base, hotspots: { analysed: true, count: 1, top: { location: msg('hotspots.place.near', { name: 'Dworzec PKP', distance: 150 }), count: 12 } } });
    expect(summaryText('pl', near)).toContain('Dworzec PKP (ok. 150 m) – 12 zgłoszeń');
    expect(summaryText('en', near)).toContain('Dworzec PKP (about 150 m)');
    const notRun = summaryText('pl', beatSummary({ ...base, hotspots: { analysed: false, count: 0, top: null } }));
    expect(notRun).toContain('Skupisk nie oceniano');
    expect(notRun).not.toContain('Nie wykryto');
    const scope = summaryText('pl', beatSummary({ ...base, where: undefined, hotspots: { analysed: true, count: 5, beats: 2, top: { location: msg('hotspots.place.at', { name: 'Rynek' }), count: 9, beat: 'Rejon 1 – Stare Miasto' } } }));
    expect(scope).toContain('Wykryto 5 istotnych statystycznie skupisk (Gi*) w 2 rejonach; największe (Rejon 1 – Stare Miasto): Rynek – 9 zgłoszeń.');
  });
});
