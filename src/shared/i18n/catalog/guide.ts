/**
 * The in-app guide (issue 15 point 7): what the numbers mean, per view, in plain words; shown in the help dialog.
 * Polish first, the same keys in English.
 */
export default {
  pl: {
    'guide.title': 'Jak czytać Rejon',
    'guide.map': 'Mapa: liczba w pasku „Filtr” to liczba zgłoszeń spełniających cały filtr; tę samą liczbę pokazują oś czasu i pasek stanu. Mapa ciepła pokazuje gęstość zgłoszeń (zgł./km²) w stałej skali: ten sam kolor znaczy to samo przy każdym przybliżeniu.',
    'guide.legend': 'Legenda: pasek barw czytaj od lewej (mało) do prawej (dużo); liczby na końcach to granice skali. Pola klas (np. kategorie, poziomy Gi*) mają po jednym kolorze na klasę; przypis pod legendą mówi, z jakiego filtra i kiedy policzono warstwę.',
    'guide.gistar': 'Gi* (Getis-Ord, jak „Optimized Hot Spot Analysis” w ArcGIS): pole siatki z sąsiadami porównane ze średnią całego obszaru. Gorące pole 99 / 95 / 90 % – zgłoszeń jest tam istotnie więcej niż przypadkiem, z tą pewnością; zimne pole – istotnie mniej; „nieistotne” – różnica może być przypadkowa.',
    'guide.fdr': 'FDR (Benjamini–Hochberg): przy setkach pól część wyszłaby „istotna” przypadkiem. Poprawka FDR ogranicza odsetek fałszywych gorących pól wśród zaznaczonych do poziomu ufności, dlatego pól jest mniej niż bez niej.',
    'guide.emerging': 'Wschodzące gorące pola: Gi* w kolejnych tygodniach lub miesiącach i trend Manna-Kendalla; kategoria (nowe, nasilające się, trwałe, słabnące…) mówi, od kiedy i w którą stronę zmienia się pole. Szczegóły pola liczone są według filtra analizy.',
    'guide.pai': 'PAI (wskaźnik trafności predykcji) = (n/N) / (a/A): udział zgłoszeń następnego okresu, które padły w wyznaczonych polach (n z N), podzielony przez udział ich powierzchni w obszarze (a z A). PAI 1 – nie lepiej niż losowo; im wyżej, tym trafniej. Skuteczność (hit rate) to samo n/N.',
    'guide.suppression': 'Materiały publiczne (konsultacje): liczby mniejsze od progu (domyślnie 3) pokazane są jako „<3”, a „*” oznacza liczbę ukrytą dodatkowo, aby nie dało się odtworzyć ukrytej z sumy. Mapa publiczna pomija heksagony, z których można by policzyć ukryte wartości.',
    'guide.sources': 'Metody i wartości odniesienia: PySAL (esda, pointpats), scikit-learn (DBSCAN), ArcGIS (Gi*, gęstość jądrowa), Chainey i in. (PAI); zgłoszenia z Krajowej Mapy Zagrożeń Bezpieczeństwa.',
  },
  en: {
    'guide.title': 'How to read Rejon',
    'guide.map': 'Map: the number in the "Filter" bar is the number of reports that pass the whole filter; the timeline and the status bar show the same number. The heat map shows report density (reports/km²) on a fixed scale: a colour means the same at every zoom.',
    'guide.legend': 'Legend: read a colour ramp from left (few) to right (many); the numbers at its ends are the limits of the scale. Class legends (e.g. categories, Gi* levels) have one colour per class; the note under a legend says which filter the layer was computed with, and when.',
    'guide.gistar': 'Gi* (Getis-Ord, as in ArcGIS "Optimized Hot Spot Analysis"): a grid cell with its neighbours compared with the mean of the whole area. Hot spot 99 / 95 / 90 %: significantly more reports than chance would give, with that confidence; cold spot: significantly fewer; "not significant": the difference may be chance.',
    'guide.fdr': 'FDR (Benjamini–Hochberg): with hundreds of cells some would look "significant" by chance. The FDR correction keeps the share of false hot spots among those marked within the confidence level, so fewer cells are marked than without it.',
    'guide.emerging': 'Emerging hot spots: Gi* over successive weeks or months and a Mann-Kendall trend; the category (new, intensifying, persistent, diminishing…) says since when and which way a cell is changing. A cell\'s details are counted under the analysis\'s filter.',
    'guide.pai': 'PAI (predictive accuracy index) = (n/N) / (a/A): the share of the next period\'s reports that fell in the marked cells (n of N), divided by their share of the area (a of A). PAI 1: no better than random; the higher, the more accurate. The hit rate is n/N alone.',
    'guide.suppression': 'Public material (consultation meetings): counts below the threshold (3 by default) are shown as "<3", and "*" marks a count hidden as well so that a hidden one cannot be worked out from a total. The public map leaves out hexagons that would let hidden values be counted.',
    'guide.sources': 'Methods and reference values: PySAL (esda, pointpats), scikit-learn (DBSCAN), ArcGIS (Gi*, kernel density), Chainey et al. (PAI); reports from the national threat map (Krajowa Mapa Zagrożeń Bezpieczeństwa).',
  },
};
