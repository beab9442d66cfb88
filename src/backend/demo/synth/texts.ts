/**
 * Short Polish report descriptions per category. Placeholders: {at} / {At} = locative phrase of the place
 * ("na Rynku Trybunalskim"), {h} = hour. Texts deliberately contain Polish letters, "quotes", semicolons
 * and line breaks, as real exports do. No personal data and no car plates.
 */
import type { Rng } from './rng';

const T: Record<string, string[]> = {
  'Przekraczanie dozwolonej prędkości': [
    '~Kierowcy notorycznie przekraczają prędkość {at}; brak fotoradaru i przejść z azylem.',
    'Samochody jadą {at} z prędkością ok. 100 km/h w terenie zabudowanym.\nProszę o kontrole radarowe.',
    'Motocykliści "ścigają się" {at}, szczególnie w godzinach wieczornych.',
    '~Bardzo szybka jazda {at} w porze porannej, gdy dzieci idą do szkoły.',
    '~Codziennie ok. godz. {h} auta pędzą {at}; piesi boją się przechodzić przez jezdnię.',
    '~Nadmierna prędkość ciężarówek {at}. Drgania budynków, pękające ściany.',
    'Codziennie ok. godz. {h} samochody jadą {at} dużo szybciej niż pozwalają znaki; dochodzi do niebezpiecznych sytuacji.',
    'Proszę o ustawienie patrolu z miernikiem prędkości {at}.\nSytuacja powtarza się od kilku miesięcy.',
    'Kierowcy wyprzedzają "na trzeciego" i jadą zdecydowanie za szybko {at}.',
  ],
  'Nieprawidłowe parkowanie': [
    'Samochody parkują na chodniku {at}; piesi z wózkami muszą schodzić na jezdnię.',
    'Parkowanie na trawnikach i w miejscach niedozwolonych {at}.',
    'Auta zastawiają wjazd dla straży pożarnej {at}.\nW razie pożaru wóz nie przejedzie.',
    'Kierowcy zajmują "kopertę" dla osób niepełnosprawnych {at}, bez karty parkingowej.',
    'Parkowanie na zakazie {at}, zwłaszcza ok. godz. {h}; utrudniony przejazd autobusów.',
    'Samochody dostawcze stoją na przejściu dla pieszych {at}. Brak widoczności dla kierowców.',
    'Auta parkowane na pasie zieleni {at}, niszczą trawnik i krawężniki.',
  ],
  'Spożywanie alkoholu w miejscach niedozwolonych': [
    'Grupa osób spożywa alkohol {at}; zaśmiecają teren butelkami i puszkami.',
    'Codziennie wieczorem "impreza" {at}, głośne zachowanie i wulgaryzmy.\nMieszkańcy boją się przechodzić.',
    'Osoby pijące piwo na ławkach {at}, zaczepiają przechodniów.',
    'Spożywanie alkoholu {at} od ok. godz. {h}; załatwianie potrzeb fizjologicznych w krzakach.',
    'Przy sklepie całodobowym {at} stale przebywają osoby pijące alkohol.',
    'W weekendy {at} libacje do późnych godzin nocnych; rozbite szkło na placu zabaw.',
    'Młodzi dorośli piją alkohol {at}, głośna muzyka z głośnika "do rana".',
  ],
  'Grupowanie się małoletnich zagrożonych demoralizacją': [
    'Grupa nastolatków przesiaduje {at} w godzinach wieczornych; palą papierosy, używają wulgaryzmów.',
    'Młodzież gromadzi się {at} po lekcjach, niszczy ławki.\nCzęsto widać też alkohol.',
    'Kilkunastu małoletnich {at} od ok. godz. {h}; zaczepiają starsze osoby.',
    'Nieletni {at} palą e-papierosy; możliwe, że również "dopalacze". Proszę o sprawdzenie.',
    'Młodzież przesiaduje na klatce schodowej {at}; hałas i śmieci.',
  ],
  'Akty wandalizmu': [
    'Zniszczona wiata przystankowa {at}; wybite szyby.',
    'Pomalowane ściany i ławki {at} (graffiti, napisy "wulgarne").',
    'Nocą ktoś niszczy kosze na śmieci i lampy {at}.\nSytuacja powtarza się co weekend.',
    'Uszkodzone rozkłady jazdy i tablice informacyjne {at}.',
    'Wyrwane ławki i połamane drzewka {at}; zniszczenia po nocnych spotkaniach.',
  ],
  'Niewłaściwa infrastruktura drogowa': [
    'Głębokie dziury w jezdni {at}; uszkodzone felgi samochodów.',
    'Brak oświetlenia przejścia dla pieszych {at}.\nPo zmroku piesi są niewidoczni.',
    'Zapadnięta studzienka kanalizacyjna {at}.',
    'Brak chodnika {at}; piesi idą jezdnią, także dzieci do szkoły.',
    'Nieczytelne oznakowanie poziome {at}; "zebra" prawie niewidoczna.',
  ],
  'Zła organizacja ruchu drogowego': [
    'Źle ustawiona sygnalizacja {at}; korki w godzinach szczytu.',
    'Znak zakazu zasłonięty gałęziami {at}.',
    'Brak przejścia dla pieszych w pobliżu szkoły {at}; dzieci przechodzą w niedozwolonym miejscu.',
    'Niejasne pierwszeństwo na skrzyżowaniu {at}.\nDochodzi do niebezpiecznych sytuacji.',
  ],
  'Dzikie wysypiska śmieci': [
    'Dzikie wysypisko {at}: gruz, opony, worki z odpadami.',
    'Ktoś wyrzuca odpady budowlane {at}; przyjeżdża nocą samochodem dostawczym.',
    'Sterta śmieci {at} rośnie od kilku tygodni.\nProszę o powiadomienie gminy.',
    'Porzucone meble i "elektrośmieci" {at}.',
    'Worki z odpadami i eternit porzucone {at}; zagrożenie dla zdrowia.',
  ],
  'Wałęsające się bezpańskie psy': [
    'Wałęsa się kilka psów bez właściciela {at}; są agresywne wobec dzieci.',
    'Bezpański pies biega {at} i goni rowerzystów.',
    'Psy ze sfory zagryzły kury {at}.\nMieszkańcy boją się wychodzić z domu.',
    'Od kilku dni {at} błąka się wychudzony pies; proszę o interwencję schroniska.',
  ],
  'Nielegalne rajdy samochodowe': [
    'W nocy {at} odbywają się "drifty" i wyścigi; pisk opon do rana.',
    'Grupa samochodów ściga się {at} w weekendy ok. godz. {h}.',
    'Kręcenie "bączków" na parkingu {at}; zagrożenie dla pieszych.\nZbiera się kilkadziesiąt osób.',
  ],
  'Używanie środków odurzających': [
    'Osoby palące marihuanę {at}; charakterystyczny zapach.',
    'Znalezione strzykawki i woreczki {at}.\nTeren, gdzie bawią się dzieci.',
    'Podejrzenie handlu "dopalaczami" {at} w godzinach wieczornych.',
  ],
  'Zdarzenia drogowe z udziałem zwierząt leśnych': [
    'Często przebiegają sarny {at}; brak znaku ostrzegawczego.',
    'Dziki wychodzą na jezdnię {at}, szczególnie o zmroku.',
    'Potrącona sarna leży na poboczu {at}.\nProszę o powiadomienie zarządcy drogi.',
    'Kolizja z łosiem {at}; zwierzęta przechodzą w tym miejscu regularnie.',
  ],
  'Wypalanie traw': [
    'Wypalanie traw na łąkach {at}; dym zasłania drogę.',
    'Ktoś podpala suche trawy {at}, ogień blisko zabudowań.',
    'Palą się nieużytki {at}.\nZgłoszenie przekazane również straży pożarnej.',
  ],
  'Osoba bezdomna wymagająca pomocy': [
    'Osoba bezdomna śpi na ławce {at}; przy mrozie może potrzebować pomocy.',
    'Starszy mężczyzna w złym stanie, nocuje {at}.',
    'Bezdomny przebywa w pustostanie {at}; proszę o kontakt z MOPR.\nNa noc zapowiadany mróz.',
  ],
  'Niszczenie zieleni': [
    'Zniszczone nasadzenia i rabaty kwiatowe {at}.',
    'Rozjeżdżony trawnik {at}; samochody wjeżdżają na zieleń.',
    'Połamane młode drzewa {at}.',
  ],
  'Żebractwo': [
    'Osoby żebrzą natarczywie {at}; zaczepiają klientów.',
    'Agresywne żebractwo {at}, szczególnie przy bankomacie.',
    'Kobieta z dzieckiem prosi o pieniądze {at}; "zbiórka" bez zezwolenia.',
  ],
  'Poruszanie się po terenach leśnych quadami': [
    'Quady rozjeżdżają leśne drogi {at}; hałas w weekendy.',
    'Grupa quadów i motocykli crossowych jeździ {at} po młodniku.',
    'Quady niszczą ścieżki {at}.\nZagrożenie dla spacerowiczów i rowerzystów.',
  ],
  'Miejsca niebezpieczne na wodach': [
    'Dzikie kąpielisko {at}; brak ratownika, dzieci kąpią się same.',
    'Ludzie wchodzą na cienki lód {at}.',
    'Skoki do wody z pomostu {at}; płytko i kamienie.\nProszę o oznakowanie.',
  ],
  'Miejsce niebezpiecznej działalności rozrywkowej': [
    'Głośne imprezy w lokalu {at} do rana; bójki przed wejściem.',
    'Nielegalne pokazy fajerwerków {at}.',
    'Impreza plenerowa {at} bez zabezpieczenia; "koncert" do późnej nocy.',
  ],
  'Niestrzeżone przejście przez tory': [
    'Piesi przechodzą przez tory na skróty {at}; wydeptana ścieżka.',
    'Dzieci przechodzą przez torowisko {at} w drodze do szkoły.',
    'Dziura w ogrodzeniu przy torach {at}.\nLudzie skracają sobie drogę.',
  ],
  'Znęcanie się nad zwierzętami': [
    'Pies trzymany na krótkim łańcuchu bez wody {at}.',
    'Koń w złym stanie, bez schronienia {at}.',
    'Słychać skomlenie psa zamkniętego w kojcu {at}; właściciel nie przebywa na posesji.',
  ],
  'Nielegalna wycinka drzew': [
    'Wycinka drzew bez oznakowania {at}; przyjeżdżają w weekendy.',
    'Ktoś wycina drzewa {at} na działce gminnej.',
    'Ścięte drzewa przy drodze {at}.\nNie wiadomo, czy jest zezwolenie.',
  ],
  'Niestrzeżony przejazd kolejowy': [
    'Przejazd kolejowy {at} bez zapór i słabo widoczny.',
    'Kierowcy nie zatrzymują się przed znakiem STOP na przejeździe {at}.',
    'Zarośnięte krzewami podejście do przejazdu {at}; pociągów nie widać z daleka.',
  ],
  'Kłusownictwo': [
    'Znalezione wnyki {at}.',
    'Słychać strzały nocą {at}; podejrzenie kłusownictwa.',
    'Ślady kłusownictwa {at}: wnyki i pozostałości zwierzyny.\nProszę o kontakt ze strażą leśną.',
  ],
};

const SUFFIXES = [
  '',
  '',
  '',
  ' Proszę o częstsze patrole.',
  ' Zgłaszam ponownie.',
  '\nSytuacja powtarza się regularnie.',
  ' Sąsiedzi mogą to potwierdzić.',
  '; proszę o reakcję.',
];

/**
 * A description for a report. Templates starting with "~" speak of pedestrians or buildings and are
 * not used on motorways/expressways (`express`).
 */
export function describe(category: string, at: string, hour: number, rng: Rng, express = false): string {
  const all = T[category] ?? ['Zgłoszenie {at}.'];
  const list = express ? all.filter((t) => !t.startsWith('~')) : all;
  const base = rng.pick(list).replace(/^~/, '');
  const atCap = at.charAt(0).toUpperCase() + at.slice(1);
  let text = base.replaceAll('{At}', atCap).replaceAll('{at}', at).replaceAll('{h}', String(hour));
  let suffix = rng.pick(SUFFIXES);
  if (suffix.includes('Sytuacja') && text.includes('Sytuacja')) suffix = '';
  if (suffix.startsWith(';') && text.endsWith('.')) text = text.slice(0, -1);
  else if (suffix.startsWith(';')) suffix = '';
  return (text + suffix).slice(0, 500);
}

export function hasTexts(category: string): boolean {
  return category in T;
}
