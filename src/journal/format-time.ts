/*
Times as an operator reads them. Reports use UTC and say so (they travel between sites and
support); the journal on screen uses the machine's zone unless told otherwise.
*/

export type TimeZoneOption = {timeZone?: string};

/** Creating a DateTimeFormat costs far more than using one: one per zone, kept. */
const formats = new Map<string, Intl.DateTimeFormat>();

function parts(iso: string, timeZone: string | undefined): Record<string, string> {
	const key = timeZone ?? '';
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
		formats.set(key, format);
	}

	return Object.fromEntries(format.formatToParts(new Date(iso)).map(part => [part.type, part.value]));
}

/** `08:12` */
export function formatClock(iso: string, options: TimeZoneOption = {}): string {
	const p = parts(iso, options.timeZone);
	return `${p.hour}:${p.minute}`;
}

/** `2026-01-05` */
export function formatDay(iso: string, options: TimeZoneOption = {}): string {
	const p = parts(iso, options.timeZone);
	return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-01-05 08:12 UTC` when the zone is UTC, else `2026-01-05 08:12`. */
export function formatDateTime(iso: string, options: TimeZoneOption = {}): string {
	const suffix = options.timeZone === 'UTC' ? ' UTC' : '';
	return `${formatDay(iso, options)} ${formatClock(iso, options)}${suffix}`;
}
