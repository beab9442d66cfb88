/**
 * Everyday use (issue 15): the data's age beside period choices, the timeline's partial bins, the analysis filter of
 * a drill-down, analysis default names, keyboard help and the in-app guide. ICU MessageFormat patterns; Polish
 * first, the same keys in English.
 */
export default {
  pl: {
    'ux.dataAge': 'dane do {date}, {days, plural, =0 {z dzisiaj} one {# dzień temu} few {# dni temu} many {# dni temu} other {# dnia temu}}',
    'ux.dataAge.title': 'Okresy „ostatnie N dni” liczone są wstecz od dzisiaj ({today}), nie od ostatniego dnia danych.',
    'ux.dataAge.none': 'brak zgłoszeń w obszarze roboczym',
    'ux.timeline.partial': 'jaśniejsze końce słupków: tydzień tylko częściowo w wybranym okresie (liczba obejmuje tylko dni w okresie)',
    'ux.help.tab': 'przejście do następnego / poprzedniego przycisku lub pola (zaznaczone ramką)',
    'ux.help.enter': 'w oknach: zatwierdza (np. „Importuj” w oknie przypisania kolumn)',
    'ux.help.escInner': 'zamyka najbliższy element: najpierw listę lub pole, potem okno, potem panel',
    'ux.kde.replacesHeat': 'zastępuje mapę ciepła, dopóki wynik jest pokazany',
    'ux.drill.analysisFilter': 'Liczby według filtra, z którym uruchomiono analizę (nie bieżącego filtra mapy): {filter}.',
  },
  en: {
    'ux.dataAge': 'data up to {date}, {days, plural, =0 {from today} one {# day ago} other {# days ago}}',
    'ux.dataAge.title': '"Last N days" periods count back from today ({today}), not from the last day of the data.',
    'ux.dataAge.none': 'no reports in the workspace',
    'ux.timeline.partial': 'lighter bar ends: a week only partly in the chosen period (the count covers only the days in the period)',
    'ux.help.tab': 'move to the next / previous button or field (outlined)',
    'ux.help.enter': 'in dialogs: confirms (e.g. "Import" in the column mapping dialog)',
    'ux.help.escInner': 'closes the innermost thing: first a list or field, then the dialog, then the panel',
    'ux.kde.replacesHeat': 'replaces the heat map while the result is shown',
    'ux.drill.analysisFilter': 'Counts under the filter the analysis was run with (not the current map filter): {filter}.',
  },
};
