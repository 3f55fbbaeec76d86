/**
A Map that holds at most `capacity` entries: adding one more drops the oldest insertion. Lookups
never reorder (a read costs what a Map read costs); a dropped entry is simply computed again.
*/
export class BoundedMap<K, V> extends Map<K, V> {
	constructor(private readonly capacity: number) {
		super();
	}

	override set(key: K, value: V): this {
		if (!this.has(key) && this.size >= this.capacity) {
			const oldest = this.keys().next();
			if (!oldest.done) {
				this.delete(oldest.value);
			}
		}

		return super.set(key, value);
	}
}
