/**
 * The desktop shell and the backend process: what the window says when the backend stops, restarts or cannot
 * be reached, and printing without a system browser. ICU MessageFormat patterns.
 */
export default {
  pl: {
    'desktop.backend.crashed':
      'Moduł obliczeniowy Rejonu zatrzymał się nieoczekiwanie{exitCode, select, none {} other { (kod wyjścia {exitCode})}}. Trwające operacje zostały przerwane. Uruchamiam go ponownie z tym samym obszarem roboczym…',
    'desktop.backend.restarted':
      'Moduł obliczeniowy działa ponownie z tym samym obszarem roboczym. Przerwane operacje (import, analiza, wydruk) trzeba uruchomić jeszcze raz.',
    'desktop.backend.failed':
      'Moduł obliczeniowy Rejonu zatrzymał się {restarts, plural, one {# raz} few {# razy} many {# razy} other {# razy}} w krótkim czasie i nie będzie już uruchamiany ponownie. Zamknij Rejon i otwórz go jeszcze raz; dane w obszarze roboczym są zapisane.',
    'desktop.backend.lost':
      'Brak połączenia z usługą Rejon (tryb przeglądarki). Sprawdź, czy polecenie „rejon serve” nadal działa; po jego ponownym uruchomieniu otwórz nowy adres, który wypisze.',
    'desktop.backend.restored': 'Połączenie z usługą Rejon zostało przywrócone.',
    'desktop.backend.dismiss': 'Zamknij komunikat',
    'desktop.error.unavailable': 'Moduł obliczeniowy nie działa (zatrzymał się lub jest uruchamiany ponownie); operacja nie została wykonana.',
    'desktop.print.noChromium':
      'Nie znaleziono przeglądarki Chromium do wydruku odprawy ({path}). Zainstaluj ją (Debian/Ubuntu: „sudo apt-get install chromium”) albo wskaż jej plik w zmiennej środowiskowej REJON_CHROMIUM. Aplikacja na komputer drukuje bez niej.',
    'desktop.menu.file': "Plik",
    'desktop.menu.edit': "Edycja",
    'desktop.menu.view': "Widok",
    'desktop.menu.help': "Pomoc",
    'desktop.menu.closeWindow': "Zamknij okno",
    'desktop.menu.quit': "Zakończ",
    'desktop.menu.undo': "Cofnij",
    'desktop.menu.redo': "Ponów",
    'desktop.menu.cut': "Wytnij",
    'desktop.menu.copy': "Kopiuj",
    'desktop.menu.paste': "Wklej",
    'desktop.menu.selectAll': "Zaznacz wszystko",
    'desktop.menu.reload': "Wczytaj ponownie",
    'desktop.menu.devTools': "Narzędzia programisty",
    'desktop.menu.resetZoom': "Rzeczywisty rozmiar",
    'desktop.menu.zoomIn': "Powiększ",
    'desktop.menu.zoomOut': "Pomniejsz",
    'desktop.menu.fullscreen': "Pełny ekran",
    'desktop.menu.helpContents': "Pomoc programu Rejon",
    'desktop.menu.about': "O programie Rejon",
    'desktop.about.detail': "Rejon {version}\nStanowisko analityka zgłoszeń z Krajowej Mapy Zagrożeń Bezpieczeństwa.\nGranice administracyjne: Państwowy Rejestr Granic (PRG), GUGiK.\nElectron {electron}, Chromium {chrome}, Node.js {node}",
  },
  en: {
    'desktop.backend.crashed':
      'The Rejon computing module stopped unexpectedly{exitCode, select, none {} other { (exit code {exitCode})}}. Operations in progress were interrupted. Restarting it with the same workspace…',
    'desktop.backend.restarted':
      'The computing module is running again with the same workspace. Interrupted operations (import, analysis, print) need to be started again.',
    'desktop.backend.failed':
      'The Rejon computing module stopped {restarts, plural, one {# time} other {# times}} in a short time and will not be restarted again. Close Rejon and open it again; the data in the workspace is saved.',
    'desktop.backend.lost':
      'No connection to the Rejon service (browser mode). Check that "rejon serve" is still running; after restarting it, open the new address it prints.',
    'desktop.backend.restored': 'The connection to the Rejon service is back.',
    'desktop.backend.dismiss': 'Dismiss',
    'desktop.error.unavailable': 'The computing module is not running (it stopped or is restarting); the operation was not carried out.',
    'desktop.print.noChromium':
      'No Chromium browser found to print the briefing ({path}). Install it (Debian/Ubuntu: "sudo apt-get install chromium") or set the REJON_CHROMIUM environment variable to its executable. The desktop app prints without it.',
    'desktop.menu.file': "File",
    'desktop.menu.edit': "Edit",
    'desktop.menu.view': "View",
    'desktop.menu.help': "Help",
    'desktop.menu.closeWindow': "Close window",
    'desktop.menu.quit': "Quit",
    'desktop.menu.undo': "Undo",
    'desktop.menu.redo': "Redo",
    'desktop.menu.cut': "Cut",
    'desktop.menu.copy': "Copy",
    'desktop.menu.paste': "Paste",
    'desktop.menu.selectAll': "Select all",
    'desktop.menu.reload': "Reload",
    'desktop.menu.devTools': "Developer tools",
    'desktop.menu.resetZoom': "Actual size",
    'desktop.menu.zoomIn': "Zoom in",
    'desktop.menu.zoomOut': "Zoom out",
    'desktop.menu.fullscreen': "Full screen",
    'desktop.menu.helpContents': "Rejon help",
    'desktop.menu.about': "About Rejon",
    'desktop.about.detail': "Rejon {version}\nAnalyst workstation for reports from the national threat map (KMZB).\nAdministrative boundaries: Państwowy Rejestr Granic (PRG), GUGiK.\nElectron {electron}, Chromium {chrome}, Node.js {node}",
  },
};
