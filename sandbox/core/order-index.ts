import { compareKeys, keysOf, type SortSpec, sortDocs, sortSignature } from './sort';

/**
 * Documents kept in one sort order, as a database index is: a query in that order filters the
 * index instead of sorting every match. Documents added since the last read are sorted on their
 * own and merged in (a write adds a hundred at most, so a read after it costs one linear pass);
 * removed ones are dropped at the next read. The sort keys must not change while a document is
 * indexed (IOC Management's default order, created_on then id, never does).
 */
export class OrderIndex<T> {
	private ordered: T[] = [];
	private pending: T[] = [];
	private removals = 0;
	private readonly signature: string;

	constructor(
		private readonly specs: SortSpec<T>[],
		private readonly isLive: (doc: T) => boolean,
	) {
		this.signature = sortSignature(specs);
	}

	/** Whether a query sorted by `specs` can read this index. */
	serves(specs: SortSpec<T>[]): boolean {
		return sortSignature(specs) === this.signature;
	}

	added(doc: T): void {
		this.pending.push(doc);
	}

	removed(): void {
		this.removals++;
	}

	clear(): void {
		this.ordered = [];
		this.pending = [];
		this.removals = 0;
	}

	/** Every live document, in order. */
	entries(): readonly T[] {
		if (this.removals > 0) {
			this.ordered = this.ordered.filter(this.isLive);
			this.removals = 0;
		}
		if (this.pending.length > 0) {
			const fresh = sortDocs(this.pending.filter(this.isLive), this.specs).docs;
			this.pending = [];
			this.ordered = this.ordered.length === 0 ? fresh : this.merge(this.ordered, fresh);
		}
		return this.ordered;
	}

	private merge(a: T[], b: T[]): T[] {
		const out: T[] = new Array<T>(a.length + b.length);
		let i = 0;
		let j = 0;
		let k = 0;
		let keyA = a.length > 0 ? keysOf(a[0], this.specs) : [];
		let keyB = b.length > 0 ? keysOf(b[0], this.specs) : [];
		while (i < a.length && j < b.length) {
			if (compareKeys(keyA, keyB, this.specs) <= 0) {
				out[k++] = a[i++];
				if (i < a.length) keyA = keysOf(a[i], this.specs);
			} else {
				out[k++] = b[j++];
				if (j < b.length) keyB = keysOf(b[j], this.specs);
			}
		}
		while (i < a.length) out[k++] = a[i++];
		while (j < b.length) out[k++] = b[j++];
		return out;
	}
}
