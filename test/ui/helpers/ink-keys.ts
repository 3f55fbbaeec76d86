/** Key sequences as a terminal sends them. */
export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

type Rendered = {stdin: {write: (data: string) => void}; lastFrame: () => string | undefined};

const pollMs = 10;

/** Strips ANSI escapes, for assertions and width checks. */
export function plain(frame: string | undefined): string {
	// eslint-disable-next-line no-control-regex
	return (frame ?? '').replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '');
}

/** Polls (bounded) until the frame satisfies `predicate`; returns it, or throws with the last frame. */
export async function waitForFrame(rendered: Rendered, predicate: (frame: string) => boolean, timeoutMs = 5000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = plain(rendered.lastFrame());
		if (predicate(frame)) {
			await settle();
			return frame;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for the frame; last frame:\n${frame}`);
		}

		await new Promise(resolve => setTimeout(resolve, pollMs));
	}
}

/**
Waits until any frame written so far contains `text`. Under CI=true Ink replaces the last frame on
unmount, so a frame shown just before the app exits is looked for in the history.
*/
export async function waitForAnyFrame(rendered: Rendered & {frames: string[]}, text: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!rendered.frames.some(frame => plain(frame).includes(text))) {
		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for a frame with "${text}"`);
		}

		await new Promise(resolve => setTimeout(resolve, pollMs));
	}
}

/** The frame with wrapped lines joined (trailing padding dropped), for text that may wrap. */
export function joined(frame: string): string {
	return frame.split('\n').map(line => line.trimEnd()).join(' ');
}

/** Waits until the frame contains `text`, on one line or wrapped over several. */
export async function waitForText(rendered: Rendered, text: string | RegExp, timeoutMs = 5000): Promise<string> {
	const has = (frame: string) => (typeof text === 'string' ? frame.includes(text) : text.test(frame));
	return waitForFrame(rendered, frame => has(frame) || has(joined(frame)), timeoutMs);
}

/**
Lets React run the effects of the frame just written. Ink writes a frame on commit, but components
such as ink-select-input subscribe their key handler in an effect that runs a macrotask later; a
key sent in between reaches the previous handler. Two turns of the event loop, not a timed sleep.
*/
async function settle(): Promise<void> {
	for (let turn = 0; turn < 2; turn++) {
		await new Promise(resolve => setImmediate(resolve));
	}
}

/**
Writes one key and polls until the frame changes (no fixed sleeps): the way a person types, and
the only reliable way with Ink, which reads keys asynchronously.
*/
export async function press(rendered: Rendered, key: string, timeoutMs = 5000): Promise<string> {
	const before = plain(rendered.lastFrame());
	rendered.stdin.write(key);
	const frame = await waitForFrame(rendered, candidate => candidate !== before, timeoutMs);
	await settle();
	return frame;
}

/**
Types text one key at a time, waiting for each to show. A space may not change the frame (Ink
drops trailing blanks), so it is written without waiting; the next key's wait covers it.
*/
export async function typeText(rendered: Rendered, text: string): Promise<string> {
	let frame = plain(rendered.lastFrame());
	for (const char of text) {
		if (char === ' ') {
			rendered.stdin.write(char);
			continue;
		}

		frame = await press(rendered, char);
	}

	return frame;
}

/** The start screen's resume choice taken: waits for it (`resume`), presses Enter, waits for the step's `text`. */
export async function resumeSession(rendered: Rendered, text: string | RegExp, resume: string | RegExp = 'Resume t1'): Promise<string> {
	await waitForText(rendered, resume);
	await press(rendered, keys.enter);
	return waitForText(rendered, text);
}
