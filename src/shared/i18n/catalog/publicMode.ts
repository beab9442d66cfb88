/**
 * Public outputs and the public presentation: the fixed published geography and the locked presentation view.
 * ICU MessageFormat patterns.
 */
export default {
  pl: {
    'public.noFilter':
      'Materiały publiczne obejmują zawsze wszystkie kategorie i statusy. Filtr kategorii lub statusów pozwoliłby odjąć jedną liczbę publiczną od drugiej i odtworzyć ukrytą małą liczbę; podział na kategorie jest w materiale.',
    'public.totalScope': 'Wszystkie rejony komendy',
    'public.fixedNote':
      'Liczby publiczne są zawsze liczone dla całej komendy (wszystkie rejony, kategorie i statusy) i pokazywane dla wybranych rejonów, więc zestawienie kilku materiałów z tego samego okresu nie odsłania ukrytych liczb.',
    'public.exit.title': 'Zakończyć prezentację publiczną?',
    'public.exit.text': 'Po wyjściu ekran pokaże aplikację policyjną z danymi szczegółowymi. Upewnij się, że obraz nie jest wyświetlany publiczności.',
    'public.exit.confirm': 'Zakończ prezentację',
    'public.exit.stay': 'Wróć do slajdów',
    'public.exit.hint': '→ / ← slajdy · Esc – zakończenie (z potwierdzeniem)',
  },
  en: {
    'public.noFilter':
      'Public outputs always cover every category and status. A category or status filter would let one public count be subtracted from another and reveal a hidden small count; the breakdown by category is in the output.',
    'public.totalScope': 'All beats of the command',
    'public.fixedNote':
      'Public counts are always computed for the whole command (all beats, categories and statuses) and shown for the chosen beats, so putting several outputs of one period side by side reveals no hidden count.',
    'public.exit.title': 'End the public presentation?',
    'public.exit.text': 'After leaving, the screen shows the police app with detailed data. Make sure the picture is not shown to the audience.',
    'public.exit.confirm': 'End the presentation',
    'public.exit.stay': 'Back to the slides',
    'public.exit.hint': '→ / ← slides · Esc – end (with confirmation)',
  },
};
