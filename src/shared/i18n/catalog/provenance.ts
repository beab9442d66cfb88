/**
 * Provenance per import, undo of an import, a report's own number and detail, reports out (issue 12,
 * points 5-8). ICU MessageFormat patterns.
 */
export default {
  pl: {
    // kinds of source
    'provenance.kind.kmzbPolice': 'KMZB, eksport policyjny',
    'provenance.kind.kmzbPublic': 'KMZB, mapa publiczna',
    'provenance.kind.other': 'inne źródło',
    'provenance.kind.demo': 'dane demonstracyjne (syntetyczne)',
    'provenance.kindLong.kmzbPolice': 'Krajowa Mapa Zagrożeń Bezpieczeństwa – eksport z systemu Policji',
    'provenance.kindLong.kmzbPublic': 'Krajowa Mapa Zagrożeń Bezpieczeństwa – publiczna mapa',
    'provenance.kindLong.other': 'inne źródło',
    'provenance.kindLong.demo': 'dane demonstracyjne (syntetyczne), nie są to rzeczywiste zgłoszenia',
    // the sources of what a document counts
    'provenance.source.counted':
      '{kind} ({imports, plural, one {# import} few {# importy} many {# importów} other {# importu}}, {reports, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}})',
    'provenance.source.none': 'brak zgłoszeń w zakresie',
    'provenance.briefing.import': 'import {date}, {reports, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}} w odprawie',
    'provenance.briefing.demoPart': 'Uwaga: {demo, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}} z {total} to dane demonstracyjne (syntetyczne), a nie rzeczywiste zgłoszenia',
    'provenance.source.rule': 'Źródło zgłoszenia to import, z którego pochodzi jego obecna treść.',
    'provenance.public.note': 'Źródło: {sources} – zgłoszenia mieszkańców{date, select, none {} other {, stan danych na {date}}}.',
    'provenance.public.suppression':
      'Dane zbiorcze; liczby mniejsze niż {threshold} pokazano jako „<{threshold}”, a liczby, z których dałoby się je odtworzyć, ukryto („*”).',
    // import history and undo
    'provenance.import.cliSource': 'źródło: {kind}{text, select, none {} other { – {text}}}',
    'provenance.undo.notFound': 'Nie ma importu nr {id}.',
    'provenance.undo.already': 'Import nr {id} („{file}”) został już cofnięty {date}.',
    'provenance.undo.untracked':
      'Importu nr {id} („{file}”) nie można cofnąć: zmienił {updated, plural, one {# istniejące zgłoszenie} few {# istniejące zgłoszenia} many {# istniejących zgłoszeń} other {# istniejącego zgłoszenia}}, a dla importów sprzed tej wersji Rejonu nie zapisano ich poprzedniej treści. Kopia zapasowa obszaru roboczego pozwala wrócić do wcześniejszego stanu.',
    'provenance.undo.later':
      'Importu nr {id} („{file}”) nie można cofnąć, bo późniejsze importy zmieniły te same zgłoszenia: {later}. Najpierw cofnij {count, plural, one {ten import} other {te importy}} (od najnowszego).',
    'provenance.undo.busy': 'Trwa import; cofnij import po jego zakończeniu.',
    'provenance.undo.backupFailed': 'Nie udało się zapisać kopii zapasowej ({detail}); import nie został cofnięty.',
    'provenance.migration.backupFailed': 'Nie udało się zapisać kopii zapasowej pliku {file} przed aktualizacją jego formatu. Plik pozostał nietknięty.',
    'provenance.undo.done':
      'Cofnięto import nr {id} („{file}”): usunięto {removed, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}}, przywrócono {restored, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}}, usunięto {history, plural, one {# wpis} few {# wpisy} many {# wpisów} other {# wpisu}} historii statusów i {quarantine, plural, one {# wiersz} few {# wiersze} many {# wierszy} other {# wiersza}} kwarantanny. Kopia zapasowa: {backup}',
    // report detail
    'provenance.report.notFound': 'Nie ma takiego zgłoszenia w obszarze roboczym.',
    // reports out
    'provenance.export.unknownFormat': 'Nieznany format pliku „{file}”: użyj rozszerzenia .gpkg, .geojson lub .csv.',
    'provenance.export.done': 'Zapisano {file} ({format}, {bytes, number} B) w {seconds, number} s.',
  },
  en: {
    'provenance.kind.kmzbPolice': 'KMZB, police export',
    'provenance.kind.kmzbPublic': 'KMZB, public map',
    'provenance.kind.other': 'other source',
    'provenance.kind.demo': 'demo data (synthetic)',
    'provenance.kindLong.kmzbPolice': 'National Security Threat Map (KMZB) – police system export',
    'provenance.kindLong.kmzbPublic': 'National Security Threat Map (KMZB) – public map',
    'provenance.kindLong.other': 'other source',
    'provenance.kindLong.demo': 'demo data (synthetic), not real reports',
    'provenance.source.counted':
      '{kind} ({imports, plural, one {# import} other {# imports}}, {reports, plural, one {# report} other {# reports}})',
    'provenance.source.none': 'no reports in scope',
    'provenance.briefing.import': 'imported {date}, {reports, plural, one {# report} other {# reports}} in this briefing',
    'provenance.briefing.demoPart': 'Note: {demo, plural, one {# report} other {# reports}} of {total} are demo data (synthetic), not real reports',
    'provenance.source.rule': "A report's source is the import its current content comes from.",
    'provenance.public.note': 'Source: {sources} – reports by residents{date, select, none {} other {, data as of {date}}}.',
    'provenance.public.suppression':
      'Aggregate data; counts below {threshold} are shown as "<{threshold}", and counts from which they could be worked out are hidden ("*").',
    'provenance.import.cliSource': 'source: {kind}{text, select, none {} other { – {text}}}',
    'provenance.undo.notFound': 'There is no import no. {id}.',
    'provenance.undo.already': 'Import no. {id} ("{file}") was already undone on {date}.',
    'provenance.undo.untracked':
      'Import no. {id} ("{file}") cannot be undone: it changed {updated, plural, one {# existing report} other {# existing reports}}, and imports made before this version of Rejon did not record their previous content. A backup copy of the workspace lets you go back to an earlier state.',
    'provenance.undo.later':
      'Import no. {id} ("{file}") cannot be undone because later imports changed the same reports: {later}. Undo {count, plural, one {that import} other {those imports}} first (newest first).',
    'provenance.undo.busy': 'An import is running; undo after it has finished.',
    'provenance.undo.backupFailed': 'The backup copy could not be written ({detail}); the import was not undone.',
    'provenance.migration.backupFailed': 'A backup copy of {file} could not be written before upgrading its format. The file was left untouched.',
    'provenance.undo.done':
      'Undid import no. {id} ("{file}"): removed {removed, plural, one {# report} other {# reports}}, restored {restored, plural, one {# report} other {# reports}}, removed {history, plural, one {# status history entry} other {# status history entries}} and {quarantine, plural, one {# quarantine row} other {# quarantine rows}}. Backup copy: {backup}',
    'provenance.report.notFound': 'There is no such report in the workspace.',
    'provenance.export.unknownFormat': 'Unknown file format "{file}": use a .gpkg, .geojson or .csv name.',
    'provenance.export.done': 'Wrote {file} ({format}, {bytes, number} B) in {seconds, number} s.',
  },
};
