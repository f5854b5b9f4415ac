/**
 * What a text to be printed on a legal record may not hold: a name, an address (shared/api/applicant-text.ts), a
 * day off's reason (shared/calendar/local-layer.ts). QA received "Nguyễn Văn 😀 Đức", "<b>Trần</b>" and "Họp 😀 <b>".
 */

/**
 * Pictographs (emoji and their modifiers) and control characters: never part of a name on paper. ©, ® and ™ are
 * pictographs to Unicode but stand in companies' names. (Written for RegExp: TypeScript's target has no `v` flag.)
 */
const NOT_PRINTABLE_TEXT = new RegExp('[[\\p{Extended_Pictographic}\\p{Cc}\\u{FE0F}\\u{20E3}]--[©®™]]', 'v');
/** Markup brackets: no name or address has them, and pasted HTML does. */
const MARKUP = /[<>]/;

/** Whether a text to be printed holds pictographs, control characters or markup. */
export const unprintable = (text: string): boolean => NOT_PRINTABLE_TEXT.test(text) || MARKUP.test(text);

/**
 * Whether free text printed on a form (a refusal's reason, a transfer's note, who took the result) holds pictographs
 * or control characters: they print as empty boxes on the legal record (QA: "Thiếu giấy báo tử ▯" on form 03). Line
 * breaks and tabs are text; `<` and `>` are too ("diện tích > 100 m²"), shown as typed.
 */
export const hasPictographsOrControls = (text: string): boolean => NOT_PRINTABLE_TEXT.test(text.replace(/[\n\r\t]/g, ''));
