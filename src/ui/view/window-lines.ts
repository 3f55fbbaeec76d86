/** A slice of a long list that fits the screen, with how many lines are hidden above and below. */
export type LineWindow<T> = {items: T[]; start: number; hiddenAbove: number; hiddenBelow: number};

/**
Picks `height` consecutive items out of `items` so that the item at `focus` is visible: starting at
`scroll` when given (text views), else by pages, so a list does not jump while the focus moves
inside the page.
When lines are hidden, one line at each end is given up for a "↑ 3 more" / "↓ 5 more" marker,
so the caller renders at most `height` lines in all.
*/
export function windowLines<T>(items: readonly T[], height: number, focus: number, scroll?: number): LineWindow<T> {
	const room = Math.max(1, height);
	if (items.length <= room) {
		return {items: [...items], start: 0, hiddenAbove: 0, hiddenBelow: 0};
	}

	// Two marker lines at most; the visible part is what is left (at least one line).
	const visible = Math.max(1, room - 2);
	const maxStart = items.length - visible;
	let start = scroll === undefined ? Math.floor(Math.max(0, focus) / visible) * visible : Math.min(Math.max(0, scroll), maxStart);
	if (focus < start) {
		start = focus;
	} else if (focus >= start + visible) {
		start = focus - visible + 1;
	}

	start = Math.min(Math.max(0, start), maxStart);
	return {items: items.slice(start, start + visible), start, hiddenAbove: start, hiddenBelow: items.length - start - visible};
}

/** Clamps a scroll offset for a text of `total` lines shown in `height` lines (markers included). */
export function clampScroll(scroll: number, total: number, height: number): number {
	if (total <= height) {
		return 0;
	}

	return Math.min(Math.max(0, scroll), total - Math.max(1, height - 2));
}
