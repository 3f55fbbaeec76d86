import {asciiGlyphs} from '../glyphs.js';

/** Braille spinner frames: one cell wide in every terminal font we tried; ASCII where the console lacks them. */
const frames = asciiGlyphs ? ['|', '/', '-', '\\'] : ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The spinner frame for a moment in time, so every row spins in step and tests stay pure. */
export function spinnerFrame(now: number): string {
	return frames[Math.floor(now / 100) % frames.length]!;
}
