/** Messages shared by every feature: generic errors, units, counts. ICU MessageFormat patterns. */
export default {
  pl: {
    'common.reports': '{count, plural, one {# zgłoszenie} few {# zgłoszenia} many {# zgłoszeń} other {# zgłoszenia}}',
    'common.beats': '{count, plural, one {# rejon} few {# rejony} many {# rejonów} other {# rejonu}}',
    'common.days': '{count, plural, one {# dzień} few {# dni} many {# dni} other {# dnia}}',
    'common.error.internal': 'Błąd wewnętrzny: {detail}',
    'common.error.badRequest': 'Nieprawidłowe dane wejściowe: {detail}',
  },
  en: {
    'common.reports': '{count, plural, one {# report} other {# reports}}',
    'common.beats': '{count, plural, one {# beat} other {# beats}}',
    'common.days': '{count, plural, one {# day} other {# days}}',
    'common.error.internal': 'Internal error: {detail}',
    'common.error.badRequest': 'Invalid input: {detail}',
  },
};
