/**
 * Messages as data. Core and backend never build user-facing sentences: they return a code with
 * parameters, and the one i18n layer (src/shared/i18n) turns it into Polish or English for the UI,
 * the PDFs and the CLI. Codes are dotted, feature first: `import.coords.range`, `workspace.notFound`.
 * Every code has an entry in both catalogues (src/shared/i18n/catalog/*.ts); a unit test checks it.
 */

/**
 * Parameter values: numbers are formatted per language by the catalogue's ICU pattern; a message as a value (a
 * place's label inside a sentence) is translated first, in the same language.
 */
export type MsgParam = string | number | boolean | null | undefined | Msg;
export type MsgParams = Record<string, MsgParam>;

export interface Msg {
  code: string;
  params?: MsgParams;
}

/** Build a message. Use a string literal for `code` so the catalogue test can find it in the sources. */
export function msg(code: string, params?: MsgParams): Msg {
  return params === undefined ? { code } : { code, params };
}

export function isMsg(v: unknown): v is Msg {
  return typeof v === 'object' && v !== null && typeof (v as Msg).code === 'string';
}
