import type {KeyPress} from './keys.js';

/** How far a key scrolls a text view: a line for the arrows, a page for PgUp and PgDn. */
export function scrollDelta(key: KeyPress, page: number, arrows = true): number {
	if (key.pageUp) {
		return -Math.max(1, page - 1);
	}

	if (key.pageDown) {
		return Math.max(1, page - 1);
	}

	if (arrows && (key.up || key.text === 'k')) {
		return -1;
	}

	if (arrows && (key.down || key.text === 'j')) {
		return 1;
	}

	return 0;
}
