/**
 * How long a desk remembers the request id of a reception form it saved (electron/desk/dossiers/form-requests.ts).
 * A retry comes within minutes; a form set aside after a lost reply may wait days. Past this, the desk can no longer
 * tell a draft whose form it saved from one it never saw, and the reception screen says so on such a draft.
 */
export const FORM_REQUESTS_KEPT_DAYS = 30;

export const FORM_REQUESTS_KEPT_MS = FORM_REQUESTS_KEPT_DAYS * 24 * 60 * 60 * 1000;
