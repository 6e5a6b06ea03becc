import { ApiError } from './envelope';
import type { FieldSchema } from './fql';
import { fieldNames } from './fql';

export type SortDirection = 'asc' | 'desc';

export interface SortSpec<T> {
	field: string;
	direction: SortDirection;
	get: (doc: T) => unknown;
}

export interface ParseSortOptions<T> {
	/** Used when `sort` is absent/blank. */
	defaultSort?: string;
	/** Alternative names, e.g. { severity: 'severity_number' }. */
	aliases?: Record<string, string>;
	/** Appended to every sort so the order is total (needed by `after` cursors). */
	tiebreaker?: SortSpec<T>;
}

/**
 * Parses Falcon sort strings: `field.asc`, `field.desc`, `field|asc`, `field|desc`, `field:asc`,
 * plain `field` (ascending); several separated by commas. Unknown fields answer 400.
 */
export function parseSort<T>(sort: string | undefined, schema: FieldSchema<T>, options: ParseSortOptions<T> = {}): SortSpec<T>[] {
	const text = sort && sort.trim() !== '' ? sort : options.defaultSort;
	const specs: SortSpec<T>[] = [];
	if (text) {
		for (const raw of text.split(',')) {
			const part = raw.trim();
			if (part === '') continue;
			let field = part;
			let direction: SortDirection = 'asc';
			const m = /^(.+?)(?:[.|:](asc|desc))$/i.exec(part);
			if (m) {
				field = m[1];
				direction = m[2].toLowerCase() as SortDirection;
			}
			field = options.aliases?.[field] ?? field;
			const def = Object.prototype.hasOwnProperty.call(schema, field) ? schema[field] : undefined;
			if (!def || def.sortable === false) {
				throw new ApiError(400, `Invalid sort field '${field}'. Valid sort fields: ${fieldNames(schema, 'sort').join(', ')}`);
			}
			specs.push({ field, direction, get: def.get });
		}
	}
	if (options.tiebreaker && !specs.some((s) => s.field === options.tiebreaker?.field)) specs.push(options.tiebreaker);
	return specs;
}

/** Signature of a sort, e.g. "created_on.desc,id.asc": what a cursor is bound to. */
export function sortSignature<T>(specs: SortSpec<T>[]): string {
	return specs.map((s) => `${s.field}.${s.direction}`).join(',');
}

/** Normalises a field value into a comparable key (arrays by their first element). */
export function sortKey(value: unknown): string | number | boolean | null {
	if (Array.isArray(value)) value = value.length ? [...value].sort()[0] : null;
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
	return String(value);
}

/** Compares two keys; nulls (missing values) go last in both directions. */
export function compareKey(a: unknown, b: unknown, direction: SortDirection): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	let c: number;
	if (typeof a === 'number' && typeof b === 'number') c = a - b;
	else if (typeof a === 'boolean' && typeof b === 'boolean') c = a === b ? 0 : a ? 1 : -1;
	else {
		const sa = String(a);
		const sb = String(b);
		c = sa < sb ? -1 : sa > sb ? 1 : 0;
	}
	return direction === 'desc' ? -c : c;
}

export function compareKeys<T>(a: readonly unknown[], b: readonly unknown[], specs: SortSpec<T>[]): number {
	for (let i = 0; i < specs.length; i++) {
		const c = compareKey(a[i], b[i], specs[i].direction);
		if (c !== 0) return c;
	}
	return 0;
}

export function keysOf<T>(doc: T, specs: SortSpec<T>[]): unknown[] {
	return specs.map((s) => sortKey(s.get(doc)));
}

/** Sorted documents together with their sort keys (the keys let cursors resume by binary search). */
export interface SortedResult<T> {
	docs: T[];
	keyAt: (index: number) => unknown[];
}

/** Documents already in the order of `specs`; a key is computed when a cursor needs it. */
export function withKeys<T>(docs: T[], specs: SortSpec<T>[]): SortedResult<T> {
	return { docs, keyAt: (index) => keysOf(docs[index], specs) };
}

/** Sorts once, computing each key once. */
export function sortDocs<T>(docs: T[], specs: SortSpec<T>[]): SortedResult<T> {
	const decorated = docs.map((doc) => ({ doc, key: keysOf(doc, specs) }));
	if (specs.length > 0) decorated.sort((x, y) => compareKeys(x.key, y.key, specs));
	return { docs: decorated.map((d) => d.doc), keyAt: (index) => decorated[index].key };
}
