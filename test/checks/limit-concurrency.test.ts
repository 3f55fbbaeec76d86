import {describe, expect, it} from 'vitest';
import {limitConcurrency} from '../../src/checks/limit-concurrency.js';

describe('limitConcurrency', () => {
	it('keeps order and never runs more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const results = await limitConcurrency([5, 1, 4, 2, 3], 2, async item => {
			running++;
			peak = Math.max(peak, running);
			await new Promise(resolve => setImmediate(resolve));
			running--;
			return item * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30]);
		expect(peak).toBe(2);
	});

	it('does not start items after an abort', async () => {
		const controller = new AbortController();
		const started: number[] = [];
		const results = await limitConcurrency([1, 2, 3, 4], 1, async item => {
			started.push(item);
			if (item === 2) {
				controller.abort();
			}

			return 'ran';
		}, {signal: controller.signal, onSkipped: () => 'skipped'});
		expect(started).toEqual([1, 2]);
		expect(results).toEqual(['ran', 'ran', 'skipped', 'skipped']);
	});
});
