/**
 * In-memory IOC Management state: indicators in a Map by id plus a type+value index, an index in
 * the default order (as a database keeps one: a query in that order filters it instead of
 * sorting), a data version, and a cache of filtered+sorted results per (filter, sort) so paging a
 * 50,000-indicator search sorts once.
 */
import { type ErrorItem } from '../../core/envelope';
import { compileFilter } from '../../core/fql';
import { QueryCache } from '../../core/paging';
import { hashHex } from '../../core/prng';
import { OrderIndex } from '../../core/order-index';
import { parseSort, type SortedResult, sortDocs, type SortSpec, sortSignature, withKeys } from '../../core/sort';
import { DEFAULT_INDICATOR_SORT, INDICATOR_FIELDS, INDICATOR_SORT_ALIASES, INDICATOR_TIEBREAKER } from './fields';
import type { Indicator, IocEntry, IocType } from './model';
import { seedDemoIndicators, seedFeedIndicators, seedSyntheticIndicators, type FeedSeed } from './seed';
import { type IndicatorFields, isObject, UPDATABLE_FIELDS, validateFields } from './validation';

export interface IocStoreConfig {
	seed: 'demo' | 'empty';
	randomSeed: number | string;
}

export interface WriteOutcome {
	/** The indicators written (api.IndicatorV1 records; a rejected input is only in `errors`). */
	resources: unknown[];
	errors: ErrorItem[];
	/** How many were written. */
	written: number;
}

export interface IndicatorReport {
	id: string;
	report_format: string;
	status: string;
	filter: string;
	sort?: string;
	indicator_count: number;
	created_on: string;
	created_by: string;
}

export interface InsertMeta {
	by: string;
	createdMs: number;
	modifiedMs?: number;
	modifiedBy?: string;
	fromParent?: boolean;
	metadata?: Record<string, unknown>;
}

export class IocStore {
	private readonly byId = new Map<string, IocEntry>();
	private readonly byKey = new Map<string, string>();
	private readonly cache = new QueryCache<SortedResult<IocEntry>>(32);
	private readonly defaultOrder = new OrderIndex<IocEntry>(
		parseSort(undefined, INDICATOR_FIELDS, { defaultSort: DEFAULT_INDICATOR_SORT, tiebreaker: INDICATOR_TIEBREAKER }),
		(entry) => this.byId.get(entry.doc.id) === entry,
	);
	private seq = 0;
	private nextExpiryMs = Infinity;
	/** Synthetic indicators generated so far (keeps generated values unique across calls). */
	syntheticCount = 0;
	/** Bumped on every change; cached query results are bound to it. */
	version = 0;
	readonly reports = new Map<string, IndicatorReport>();

	constructor(private readonly config: () => IocStoreConfig) {
		this.reset();
	}

	get size(): number {
		return this.byId.size;
	}

	reset(): void {
		this.byId.clear();
		this.byKey.clear();
		this.reports.clear();
		this.cache.clear();
		this.defaultOrder.clear();
		this.seq = 0;
		this.syntheticCount = 0;
		this.nextExpiryMs = Infinity;
		this.version++;
		if (this.config().seed === 'demo') seedDemoIndicators(this, this.config().randomSeed);
		this.sweepExpired(Date.now());
	}

	get(id: string): Indicator | undefined {
		return this.byId.get(id)?.doc;
	}

	entry(id: string): IocEntry | undefined {
		return this.byId.get(id);
	}

	/** Every stored entry, in insertion order (no copy). */
	entries(): IterableIterator<IocEntry> {
		return this.byId.values();
	}

	/** Every stored indicator (a new array). */
	all(): Indicator[] {
		return [...this.byId.values()].map((e) => e.doc);
	}

	findByValue(type: string, value: string): Indicator | undefined {
		const id = this.byKey.get(`${type}:${value.toLowerCase()}`);
		return id ? this.byId.get(id)?.doc : undefined;
	}

	/** Inserts a validated indicator without further checks (seeding, create). */
	insert(fields: IndicatorFields, meta: InsertMeta): IocEntry {
		const seq = ++this.seq;
		const id = hashHex(`ioc:${this.config().randomSeed}:${fields.type}:${fields.value}:${seq}`, 64);
		const modifiedMs = meta.modifiedMs ?? meta.createdMs;
		const doc: Indicator = {
			id,
			type: fields.type,
			value: fields.value,
			action: fields.action,
			...(fields.mobile_action ? { mobile_action: fields.mobile_action } : {}),
			severity: fields.severity,
			platforms: fields.platforms,
			applied_globally: fields.applied_globally,
			host_groups: fields.host_groups,
			...(fields.expiration ? { expiration: fields.expiration } : {}),
			expired: false,
			deleted: false,
			...(fields.source !== undefined ? { source: fields.source } : {}),
			...(fields.description !== undefined ? { description: fields.description } : {}),
			tags: fields.tags,
			metadata: { ...fields.metadata, ...(meta.metadata ?? {}) },
			created_by: meta.by,
			created_on: new Date(meta.createdMs).toISOString(),
			modified_by: meta.modifiedBy ?? meta.by,
			modified_on: new Date(modifiedMs).toISOString(),
			from_parent: meta.fromParent === true,
		};
		const entry: IocEntry = { doc, seq, createdMs: meta.createdMs, modifiedMs, expirationMs: fields.expirationMs };
		this.byId.set(id, entry);
		this.byKey.set(`${doc.type}:${doc.value.toLowerCase()}`, id);
		this.defaultOrder.added(entry);
		if (entry.expirationMs !== null && entry.expirationMs < this.nextExpiryMs) this.nextExpiryMs = entry.expirationMs;
		this.version++;
		return entry;
	}

	/** indicator_create_v1: validates each input; good ones are created, bad ones reported. */
	create(inputs: unknown[], by: string, now: number): WriteOutcome {
		const resources: unknown[] = [];
		const errors: ErrorItem[] = [];
		let written = 0;
		inputs.forEach((raw, index) => {
			// msa.APIError is {code, id, message}: the message names the indicator (its type and value,
			// else its position), as the API's "Duplicate type: 'md5' and value: '…' combination." does.
			const reject = (message: string) => {
				const input = isObject(raw) ? raw : { value: raw };
				const named = message.includes('combination')
					? ''
					: typeof input.type === 'string' && typeof input.value === 'string'
						? ` (type: '${input.type}', value: '${input.value}')`
						: typeof input.value === 'string'
							? ` (value: '${input.value}')`
							: ` (indicator ${index})`;
				errors.push({ code: 400, message: `${message}${named}` });
			};
			if (!isObject(raw)) return reject('indicator must be an object');
			const v = validateFields(raw, now);
			if (!v.ok) return reject(v.message);
			if (this.byKey.has(`${v.value.type}:${v.value.value.toLowerCase()}`)) {
				return reject(`Duplicate type: '${v.value.type}' and value: '${v.value.value}' combination.`);
			}
			const filename = v.value.metadata.filename;
			const entry = this.insert(v.value, { by, createdMs: now, metadata: hashMetadata(v.value.type, v.value.value, filename) });
			resources.push(entry.doc);
			written++;
		});
		return { resources, errors, written };
	}

	/** Applies a patch to one indicator. */
	updateOne(id: string, patch: Record<string, unknown>, by: string, now: number): { ok: true; doc: Indicator } | { ok: false; code: number; message: string } {
		const entry = this.byId.get(id);
		if (!entry) return { ok: false, code: 404, message: `Indicator with id '${id}' not found` };
		const doc = entry.doc;
		for (const k of ['type', 'value'] as const) {
			if (patch[k] !== undefined && patch[k] !== null && String(patch[k]).toLowerCase() !== String(doc[k]).toLowerCase()) {
				return { ok: false, code: 400, message: `${k} cannot be changed: create a new indicator instead` };
			}
		}
		const merged: Record<string, unknown> = {
			type: doc.type,
			value: doc.value,
			action: doc.action,
			mobile_action: doc.mobile_action,
			severity: doc.severity,
			platforms: doc.platforms,
			applied_globally: doc.applied_globally,
			host_groups: doc.host_groups,
			expiration: doc.expiration,
			source: doc.source,
			description: doc.description,
			tags: doc.tags,
			metadata: doc.metadata,
		};
		for (const k of UPDATABLE_FIELDS) if (k in patch) merged[k] = patch[k];
		if ('metadata' in patch && isObject(patch.metadata)) merged.metadata = { ...doc.metadata, ...patch.metadata };
		const groupsGiven = Array.isArray(patch.host_groups) && patch.host_groups.length > 0;
		if (groupsGiven && !('applied_globally' in patch)) merged.applied_globally = false;
		if (patch.applied_globally === true && !('host_groups' in patch)) merged.host_groups = [];
		if (patch.applied_globally === false && !('host_groups' in patch) && doc.applied_globally) merged.host_groups = [];
		const v = validateFields(merged, now, 'expiration' in patch);
		if (!v.ok) return { ok: false, code: 400, message: v.message };
		const f = v.value;
		doc.action = f.action;
		setOptional(doc, 'mobile_action', f.mobile_action);
		doc.severity = f.severity;
		doc.platforms = f.platforms;
		doc.applied_globally = f.applied_globally;
		doc.host_groups = f.host_groups;
		setOptional(doc, 'expiration', f.expiration);
		setOptional(doc, 'source', f.source);
		setOptional(doc, 'description', f.description);
		doc.tags = f.tags;
		doc.metadata = f.metadata;
		entry.expirationMs = f.expirationMs;
		doc.expired = entry.expirationMs !== null && entry.expirationMs <= now;
		if (doc.expired) doc.action = 'no_action';
		else if (entry.expirationMs !== null && entry.expirationMs < this.nextExpiryMs) this.nextExpiryMs = entry.expirationMs;
		doc.modified_by = by;
		entry.modifiedMs = now;
		doc.modified_on = new Date(now).toISOString();
		this.version++;
		return { ok: true, doc };
	}

	/** indicator_update_v1: per-indicator patches and/or a bulk update by filter. */
	update(indicators: unknown[], bulk: Record<string, unknown> | undefined, by: string, now: number): WriteOutcome {
		const resources: unknown[] = [];
		const errors: ErrorItem[] = [];
		let written = 0;
		indicators.forEach((raw, index) => {
			const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
			if (!isObject(raw) || !id) {
				errors.push({ code: 400, message: `id is required for each indicator to update (indicator ${index})` });
				return;
			}
			const r = this.updateOne(id, raw, by, now);
			if (r.ok) {
				resources.push(r.doc);
				written++;
			} else {
				errors.push({ code: r.code, message: r.message, id });
			}
		});
		if (bulk) {
			const { filter, ...patch } = bulk;
			const matches = this.matching(typeof filter === 'string' ? filter : undefined, now);
			for (const entry of matches) {
				const r = this.updateOne(entry.doc.id, patch, by, now);
				if (r.ok) {
					resources.push(r.doc);
					written++;
				} else {
					errors.push({ code: r.code, message: r.message, id: entry.doc.id });
				}
			}
		}
		return { resources, errors, written };
	}

	remove(id: string): boolean {
		const entry = this.byId.get(id);
		if (!entry) return false;
		this.byId.delete(id);
		this.byKey.delete(`${entry.doc.type}:${entry.doc.value.toLowerCase()}`);
		this.defaultOrder.removed();
		this.version++;
		return true;
	}

	/** Entries matching a filter (a fresh array: safe to mutate the store while walking it). */
	matching(filter: string | undefined, now: number, fromParent?: boolean): IocEntry[] {
		return this.query(filter, undefined, fromParent, now).result.docs.slice();
	}

	/**
	 * Filtered + sorted entries, computed once per (filter, sort, from_parent) and data version.
	 * Throws ApiError(400) for a bad filter or sort.
	 */
	query(
		filter: string | undefined,
		sort: string | undefined,
		fromParent: boolean | undefined,
		now: number,
	): { result: SortedResult<IocEntry>; specs: SortSpec<IocEntry>[] } {
		this.sweepExpired(now);
		const specs = parseSort(sort, INDICATOR_FIELDS, {
			defaultSort: DEFAULT_INDICATOR_SORT,
			aliases: INDICATOR_SORT_ALIASES,
			tiebreaker: INDICATOR_TIEBREAKER,
		});
		const key = `${fromParent ?? ''}\u0000${filter ?? ''}\u0000${sortSignature(specs)}`;
		const result = this.cache.get(key, this.version, () => {
			const pred = compileFilter(filter, INDICATOR_FIELDS);
			const inOrder = this.defaultOrder.serves(specs);
			const docs: IocEntry[] = [];
			for (const e of inOrder ? this.defaultOrder.entries() : this.byId.values()) {
				if (fromParent !== undefined && e.doc.from_parent !== fromParent) continue;
				if (pred && !pred(e)) continue;
				docs.push(e);
			}
			return inOrder ? withKeys(docs, specs) : sortDocs(docs, specs);
		});
		return { result, specs };
	}

	/** Marks indicators whose expiration passed: expired, action no_action. Cheap when nothing is due. */
	sweepExpired(now: number): number {
		if (now < this.nextExpiryMs) return 0;
		let changed = 0;
		let next = Infinity;
		for (const e of this.byId.values()) {
			if (e.expirationMs === null) continue;
			if (e.expirationMs <= now) {
				if (!e.doc.expired) {
					e.doc.expired = true;
					e.doc.action = 'no_action';
					changed++;
				}
			} else if (e.expirationMs < next) next = e.expirationMs;
		}
		this.nextExpiryMs = next;
		if (changed) this.version++;
		return changed;
	}

	createReport(filter: string, sort: string | undefined, format: string, by: string, now: number): IndicatorReport {
		const { result } = this.query(filter || undefined, sort, undefined, now);
		const id = hashHex(`report:${now}:${this.reports.size}:${filter}`, 32);
		const report: IndicatorReport = {
			id,
			report_format: format,
			status: 'DONE',
			filter,
			...(sort ? { sort } : {}),
			indicator_count: result.docs.length,
			created_on: new Date(now).toISOString(),
			created_by: by,
		};
		this.reports.set(id, report);
		return report;
	}

	/** Bulk-creates `count` synthetic indicators (no validation; for benchmarks). Answers their ids. */
	seedSynthetic(count: number): string[] {
		return this.indexed(seedSyntheticIndicators(this, count));
	}

	/** Bulk-creates a feed's sha256 indicators of one source (no validation; for benchmarks and Sync demos). */
	seedFeed(seed: FeedSeed): string[] {
		return this.indexed(seedFeedIndicators(this, seed));
	}

	/** Orders a bulk seed now, as a database indexes rows as they are stored: the first query does not pay for it. */
	private indexed(ids: string[]): string[] {
		this.defaultOrder.entries();
		return ids;
	}
}

function setOptional<K extends 'mobile_action' | 'expiration' | 'source' | 'description'>(doc: Indicator, key: K, value: string | undefined): void {
	if (value === undefined) delete doc[key];
	else doc[key] = value;
}

/** Metadata the platform adds to hash indicators (deterministic from the value). */
export function hashMetadata(type: IocType, value: string, filename?: string): Record<string, unknown> | undefined {
	if (type !== 'sha256' && type !== 'md5') return undefined;
	const h = parseInt(hashHex(`avhits:${value}`, 6), 16);
	return { ...(filename ? { filename } : {}), av_hits: h % 72, signed: false };
}
