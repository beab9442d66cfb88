/** Analysis engine refusals in the user's terms (src/shared/analysisErrors.ts). */
export default {
  pl: {
    'analysis.error.tooFewCells': 'Za mało pól do analizy: {got}, potrzeba co najmniej {min}. Zmniejsz rozmiar pola albo poszerz filtr (dłuższy okres, więcej kategorii lub rejonów).',
    'analysis.error.noVariance': 'Wszystkie pola mają tyle samo zgłoszeń (brak zmienności) — nie da się wskazać gorących ani zimnych punktów. Poszerz filtr albo zmień rozmiar pola.',
    'analysis.error.noReports': 'Żadne zgłoszenie nie pasuje do bieżącego filtra — nie ma czego analizować.',
    'analysis.error.tooFewReports': 'Za mało zgłoszeń z położeniem w bieżącym filtrze.',
    'analysis.error.tooFewBins': 'Za mało pól × kroków czasu ({cells} × {steps}). Wydłuż okres albo zmniejsz rozmiar pola.',
    'analysis.error.tooFewSteps': 'Okres filtra obejmuje mniej niż 2 kroki czasu — wydłuż okres albo wybierz krok „tydzień”.',
    'analysis.error.sameLocation': 'Wszystkie zgłoszenia leżą w jednym miejscu — nie da się dobrać automatycznie rozmiaru pola ani promienia; podaj je ręcznie.',
    'analysis.error.gridTooLarge': 'Siatka miałaby {cells} pól (limit {limit}) — podaj większy rozmiar pola.',
    'analysis.error.badParam': 'Niepoprawny parametr: {message}',
    'analysis.error.other': 'Błąd silnika analiz: {message}',
  },
  en: {
    'analysis.error.tooFewCells': 'Too few cells to analyse: {got}, at least {min} needed. Use a smaller cell size or widen the filter (longer period, more categories or beats).',
    'analysis.error.noVariance': 'Every cell has the same number of reports (no variance): no hot or cold spots can be found. Widen the filter or change the cell size.',
    'analysis.error.noReports': 'No report matches the current filter: nothing to analyse.',
    'analysis.error.tooFewReports': 'Too few reports with a location in the current filter.',
    'analysis.error.tooFewBins': 'Too few cells × time steps ({cells} × {steps}). Lengthen the period or use a smaller cell size.',
    'analysis.error.tooFewSteps': 'The filter period covers fewer than 2 time steps: lengthen it or choose the “week” step.',
    'analysis.error.sameLocation': 'All reports are at one location: no cell size or radius can be chosen automatically; enter one.',
    'analysis.error.gridTooLarge': 'The grid would have {cells} cells (limit {limit}): enter a larger cell size.',
    'analysis.error.badParam': 'Invalid parameter: {message}',
    'analysis.error.other': 'Analysis engine error: {message}',
  },
};
