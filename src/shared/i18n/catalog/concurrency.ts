/**
 * Writers that wait their turn (issue 14, point 5): what a job says while it waits for another writer of the same
 * workspace, and the error after the stated wait. ICU MessageFormat patterns.
 * `holder`: what holds the workspace in this Rejon: import | districts | analysis | demo | call (a change made in a window).
 */
export default {
  pl: {
    'concurrency.waiting.queue':
      'Czekam, aż zakończy się {holder, select, import {import} districts {import rejonów} analysis {zapis analizy} demo {tworzenie danych pokazowych} other {zapis zmian}} w tym obszarze roboczym (w tym lub innym oknie)…',
    'concurrency.waiting.process':
      'Czekam, aż inny program (np. import w innym oknie lub procesie „rejon”) skończy zapisywać ten obszar roboczy…',
    'concurrency.busy':
      'Obszar roboczy jest zajęty: zapisuje go inny program lub okno (np. trwa import), a czekanie przekroczyło {seconds} s. Nic nie zostało zmienione; spróbuj ponownie, gdy tamten zapis się zakończy.',
  },
  en: {
    'concurrency.waiting.queue':
      'Waiting for the {holder, select, import {import} districts {beat import} analysis {analysis being saved} demo {demo data generation} other {change being saved}} running in this workspace (in this or another window) to finish…',
    'concurrency.waiting.process':
      'Waiting for another program (an import in another window or "rejon" process) to finish writing this workspace…',
    'concurrency.busy':
      'The workspace is busy: another program or window is writing it (an import, for example) and the wait passed {seconds} s. Nothing was changed; try again when that write has finished.',
  },
};
