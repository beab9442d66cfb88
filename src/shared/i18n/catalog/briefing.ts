/**
 * Briefings (issue 13): the generated text of the police briefing (beat and scope summaries, hotspot sentence, time
 * of day, the too-few rule), hotspot hours, method notes, period presets and labels. ICU MessageFormat patterns;
 * Polish first, the same keys in English. Every sentence is built from numbers the page shows beside it.
 */
export default {
  pl: {
    // ---- who the sentence is about ----
    'briefing.where.command': 'Na całym obszarze komendy',
    'briefing.where.selected': 'W wybranych rejonach ({n})',
    'briefing.where.beat': 'W rejonie {name}',
    'briefing.where.area': 'W obszarze „{name}”',
    // ---- change ----
    'briefing.summary.none': '{where} nie odnotowano zgłoszeń ani w analizowanym, ani w porównawczym okresie.',
    'briefing.summary.tooFew':
      '{where} odnotowano {count, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}} (w okresie porównawczym: {prev, number}). To za mało, by ocenić zmianę (poniżej {min, number} zgłoszeń łącznie w obu okresach).',
    'briefing.summary.same': '{where} liczba zgłoszeń nie zmieniła się ({count, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}} w obu okresach).',
    'briefing.summary.fromZero':
      '{where} odnotowano {count, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}}, wobec braku zgłoszeń w okresie porównawczym ({pLess, select, true {p < 0,001} other {p = {p, number, ::.####}}}, {sig, select, true {zmiana istotna statystycznie} other {zmiana nieistotna statystycznie}}).',
    'briefing.summary.changeNotSig':
      '{where} odnotowano {count, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}} wobec {prev, number} w okresie porównawczym ({up, select, true {+} other {−}}{pct, number}%; {pLess, select, true {p < 0,001} other {p = {p, number, ::.####}}}, zmiana nieistotna statystycznie).',
    'briefing.summary.changeSig':
      '{where} liczba zgłoszeń {up, select, true {wzrosła} other {spadła}} o {pct, number}% ({count, number} wobec {prev, number} w okresie porównawczym; {pLess, select, true {p < 0,001} other {p = {p, number, ::.####}}}, zmiana istotna statystycznie).',
    // ---- categories ----
    'briefing.summary.categoriesTwo': 'Najczęstsze kategorie: {cat1} ({share1, number}%) i {cat2} ({share2, number}%).',
    'briefing.summary.categoryDominant': 'Przeważa kategoria: {cat1} ({share1, number}%).',
    'briefing.summary.categoryTop': 'Najczęstsza kategoria: {cat1} ({share1, number}%).',
    'briefing.summary.categoriesTwoCounts': 'Najczęstsze kategorie: {cat1} ({n1, number}) i {cat2} ({n2, number}).',
    'briefing.summary.categoryTopCount': 'Najczęstsza kategoria: {cat1} ({n1, number}).',
    // ---- time of day ----
    'briefing.summary.time':
      'Zgłoszenia koncentrują się {band, select, night {nocą} morning {w godzinach porannych} day {w ciągu dnia} afternoon {po południu} evening {w godzinach wieczornych} morningDay {rano i przed południem} dayAfternoon {w ciągu dnia i po południu} afternoonEvening {po południu i wieczorem} eveningNight {wieczorem i nocą} nightMorning {nocą i wczesnym rankiem} other {}}{hasRange, select, true { ({range})} other {}}{days, select, weekend {, zwłaszcza w weekendy} workdays {, zwłaszcza w dni robocze} other {}}.',
    'briefing.summary.timeDays': 'Zgłoszenia koncentrują się {days, select, weekend {w weekendy} other {w dni robocze}}.',
    'briefing.summary.timeEven': 'Zgłoszenia rozkładają się równomiernie w ciągu doby i tygodnia.',
    // ---- hotspots (one hotspot summary feeds every mention) ----
    'briefing.summary.hotspots':
      '{n, plural, one {Wykryto 1 istotne statystycznie skupisko} few {Wykryto # istotne statystycznie skupiska} many {Wykryto # istotnych statystycznie skupisk} other {Wykryto # istotnego statystycznie skupiska}} (Gi*); największe: {top} – {topCount, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}}.',
    'briefing.summary.hotspotsScope':
      '{n, plural, one {Wykryto 1 istotne statystycznie skupisko} few {Wykryto # istotne statystycznie skupiska} many {Wykryto # istotnych statystycznie skupisk} other {Wykryto # istotnego statystycznie skupiska}} (Gi*) w {beats, plural, one {1 rejonie} other {# rejonach}}; największe ({beat}): {top} – {topCount, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}}.',
    'briefing.summary.noHotspots': 'Nie wykryto istotnych statystycznie skupisk (Gi*).',
    'briefing.summary.noHotspotAnalysis': 'Skupisk nie oceniano: za mało zgłoszeń do analizy Gi*.',
    // ---- hotspot table ----
    'briefing.hours.none': 'bez wyraźnej pory',
    'briefing.hours.peak': '{range}',
    'briefing.hours.peakDays': '{range}, {days}',
    'briefing.hours.days': '{days}',
    'briefing.weekday.mon': 'pn', 'briefing.weekday.tue': 'wt', 'briefing.weekday.wed': 'śr', 'briefing.weekday.thu': 'cz',
    'briefing.weekday.fri': 'pt', 'briefing.weekday.sat': 'sb', 'briefing.weekday.sun': 'nd',
    // ---- method notes ----
    'briefing.method.tooFewForGi': 'za mało zgłoszeń do analizy Gi*',
    'briefing.method.giFailed': 'analiza Gi* niewykonalna – {reason}',
    'briefing.method.tooFewRule': 'Zmianę oceniamy od {min, number} zgłoszeń łącznie w obu okresach; poniżej tekst podaje tylko liczby.',
    'briefing.method.quiet': 'Rejony z mniej niż {min, number} zgłoszeniami w obu okresach mają skrócony opis (jedna strona).',
    'briefing.method.rate': 'Gęstość poniżej 0,1 zgłoszenia na km² podano jako „< 0,1”.',
    // ---- page texts ----
    'briefing.page.tooFew': 'za mało zgłoszeń',
    'briefing.page.quiet': 'Mało zgłoszeń: opis skrócony.',
    'briefing.page.dataAge':
      'dane do {date} ({days, plural, =0 {dziś} one {1 dzień temu} other {# dni temu}})',
    'briefing.page.hoursFilter': 'godziny: {list}',
    'briefing.page.weekdaysFilter': 'dni tygodnia: {list}',
    'briefing.page.comparisonLabel':
      '{kind, select, previous {poprzedni okres tej samej długości} previousCalendar {poprzedni okres kalendarzowy} yearEarlier {ten sam okres rok wcześniej} other {okres wybrany ręcznie}}',
    // ---- period presets ----
    'briefing.period.nextShift': 'Najbliższa zmiana ({range}): ostatnie 7 dni w jej godzinach',
    'briefing.period.last24h': 'Ostatnie 24 godziny',
    'briefing.period.recent': 'Od teraz wstecz',
    'briefing.period.last7d': 'Ostatnie 7 dni',
  },
  en: {
    'briefing.where.command': 'Across the whole command',
    'briefing.where.selected': 'In the selected beats ({n})',
    'briefing.where.beat': 'In beat {name}',
    'briefing.where.area': 'In the area “{name}”',
    'briefing.summary.none': '{where} there were no reports in either the period or the comparison period.',
    'briefing.summary.tooFew':
      '{where} there {count, plural, one {was # report} other {were # reports}} ({prev, number} in the comparison period). Too few to judge a change (fewer than {min, number} reports in both periods together).',
    'briefing.summary.same': '{where} the number of reports did not change ({count, plural, one {# report} other {# reports}} in both periods).',
    'briefing.summary.fromZero':
      '{where} there {count, plural, one {was # report} other {were # reports}}, against none in the comparison period ({pLess, select, true {p < 0.001} other {p = {p, number, ::.####}}}, {sig, select, true {statistically significant change} other {change not statistically significant}}).',
    'briefing.summary.changeNotSig':
      '{where} there {count, plural, one {was # report} other {were # reports}} against {prev, number} in the comparison period ({up, select, true {+} other {−}}{pct, number}%; {pLess, select, true {p < 0.001} other {p = {p, number, ::.####}}}, change not statistically significant).',
    'briefing.summary.changeSig':
      '{where} reports {up, select, true {went up} other {went down}} by {pct, number}% ({count, number} against {prev, number} in the comparison period; {pLess, select, true {p < 0.001} other {p = {p, number, ::.####}}}, statistically significant change).',
    'briefing.summary.categoriesTwo': 'Most frequent categories: {cat1} ({share1, number}%) and {cat2} ({share2, number}%).',
    'briefing.summary.categoryDominant': 'Predominant category: {cat1} ({share1, number}%).',
    'briefing.summary.categoryTop': 'Most frequent category: {cat1} ({share1, number}%).',
    'briefing.summary.categoriesTwoCounts': 'Most frequent categories: {cat1} ({n1, number}) and {cat2} ({n2, number}).',
    'briefing.summary.categoryTopCount': 'Most frequent category: {cat1} ({n1, number}).',
    'briefing.summary.time':
      'Reports concentrate {band, select, night {at night} morning {in the morning} day {during the day} afternoon {in the afternoon} evening {in the evening} morningDay {in the morning and before noon} dayAfternoon {during the day and in the afternoon} afternoonEvening {in the afternoon and evening} eveningNight {in the evening and at night} nightMorning {at night and early morning} other {}}{hasRange, select, true { ({range})} other {}}{days, select, weekend {, especially at weekends} workdays {, especially on working days} other {}}.',
    'briefing.summary.timeDays': 'Reports concentrate {days, select, weekend {at weekends} other {on working days}}.',
    'briefing.summary.timeEven': 'Reports are spread evenly over the day and the week.',
    'briefing.summary.hotspots':
      '{n, plural, one {1 statistically significant cluster was found} other {# statistically significant clusters were found}} (Gi*); the largest: {top} – {topCount, plural, one {# report} other {# reports}}.',
    'briefing.summary.hotspotsScope':
      '{n, plural, one {1 statistically significant cluster was found} other {# statistically significant clusters were found}} (Gi*) in {beats, plural, one {1 beat} other {# beats}}; the largest ({beat}): {top} – {topCount, plural, one {# report} other {# reports}}.',
    'briefing.summary.noHotspots': 'No statistically significant clusters were found (Gi*).',
    'briefing.summary.noHotspotAnalysis': 'Clusters were not assessed: too few reports for a Gi* analysis.',
    'briefing.hours.none': 'no clear time',
    'briefing.hours.peak': '{range}',
    'briefing.hours.peakDays': '{range}, {days}',
    'briefing.hours.days': '{days}',
    'briefing.weekday.mon': 'Mon', 'briefing.weekday.tue': 'Tue', 'briefing.weekday.wed': 'Wed', 'briefing.weekday.thu': 'Thu',
    'briefing.weekday.fri': 'Fri', 'briefing.weekday.sat': 'Sat', 'briefing.weekday.sun': 'Sun',
    'briefing.method.tooFewForGi': 'too few reports for a Gi* analysis',
    'briefing.method.giFailed': 'Gi* analysis not possible – {reason}',
    'briefing.method.tooFewRule': 'A change is judged from {min, number} reports in both periods together; below that the text gives the counts only.',
    'briefing.method.quiet': 'Beats with fewer than {min, number} reports in both periods get a short entry (one page).',
    'briefing.method.rate': 'Densities below 0.1 reports per km² are shown as “< 0.1”.',
    'briefing.page.tooFew': 'too few reports',
    'briefing.page.quiet': 'Few reports: short entry.',
    'briefing.page.dataAge': 'data up to {date} ({days, plural, =0 {same day} one {1 day ago} other {# days ago}})',
    'briefing.page.hoursFilter': 'hours: {list}',
    'briefing.page.weekdaysFilter': 'weekdays: {list}',
    'briefing.page.comparisonLabel':
      '{kind, select, previous {the preceding period of the same length} previousCalendar {the preceding calendar period} yearEarlier {the same period a year earlier} other {a period chosen by hand}}',
    'briefing.period.nextShift': 'Next shift ({range}): the last 7 days at its hours',
    'briefing.period.last24h': 'Last 24 hours',
    'briefing.period.recent': 'Counted back from now',
    'briefing.period.last7d': 'Last 7 days',
  },
};
