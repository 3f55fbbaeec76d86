import {describe, expect, it} from 'vitest';
import {BoundedMap} from '../../src/ui/bounded-map.js';

describe('BoundedMap', () => {
	it('drops the oldest insertion past its capacity, and only then', () => {
		const map = new BoundedMap<string, number>(3);
		map.set('a', 1).set('b', 2).set('c', 3);
		expect([...map.keys()]).toEqual(['a', 'b', 'c']);
		map.set('d', 4);
		expect([...map.keys()]).toEqual(['b', 'c', 'd']);
		expect(map.get('a')).toBeUndefined();
	});

	it('replaces an existing key without dropping anything', () => {
		const map = new BoundedMap<string, number>(2);
		map.set('a', 1).set('b', 2).set('a', 3);
		expect([...map.entries()]).toEqual([['a', 3], ['b', 2]]);
	});
});
