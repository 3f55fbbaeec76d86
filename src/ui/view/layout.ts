import type {Tone} from './step-summary.js';

/** One line of text with an optional tone and weight; screens are lists of these. */
export type StyledLine = {text: string; tone?: Tone; bold?: boolean; key?: string};

/** Lines the frame itself takes: header, breadcrumb, two for a notice, and the key footer. */
const chromeLines = 5;

/** Lines a notice may take above the footer (a lock reason names failed checks: it needs room). */
export const noticeLines = 2;

/**
The body's height for a terminal size. Ink redraws the whole screen (flicker) once its output is
as tall as the terminal, so everything together stays one line short of the rows.
*/
export function bodyHeight(rows: number): number {
	return Math.max(3, rows - 1 - chromeLines);
}

/** Width available to lines: the terminal's columns, at least a usable minimum. */
export function lineWidth(columns: number): number {
	return Math.max(20, columns);
}
