import type { IDataObject } from 'n8n-workflow';
import { without } from '../../common/objects';

/** The fields Sync keeps equal to the feed (the API's names); type, value and source are the indicator's identity and scope. */
export const SYNC_MANAGED_FIELDS = [
	'action',
	'severity',
	'platforms',
	'applied_globally',
	'host_groups',
	'expiration',
	'description',
	'tags',
	'filename',
	'mobile_action',
] as const;

export type ManagedField = (typeof SYNC_MANAGED_FIELDS)[number];

const lower = (value: unknown) => (value === undefined || value === null ? '' : String(value).toLowerCase());

/** The same entries, whatever their order and case (platforms, tags, host groups: a handful each). */
function sameSet(a: unknown, b: unknown): boolean {
	const left = Array.isArray(a) ? a : [];
	const right = Array.isArray(b) ? b : [];
	if (left.length === right.length) {
		let position = 0;
		while (position < left.length && left[position] === right[position]) position++;
		if (position === left.length) return true;
	}
	const wanted = new Set(left.map(lower));
	const present = new Set(right.map(lower));
	return wanted.size === present.size && [...wanted].every((entry) => present.has(entry));
}

/** Two date-times as the same instant (the API may write `…Z` where we sent `….000Z`). */
function sameInstant(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	const left = Date.parse(String(a ?? ''));
	const right = Date.parse(String(b ?? ''));
	return Number.isNaN(left) || Number.isNaN(right) ? String(a ?? '') === String(b ?? '') : Math.floor(left / 1000) === Math.floor(right / 1000);
}

const filenameOf = (record: IDataObject) => (record.metadata as IDataObject | undefined)?.filename;

/** Whether a managed field the feed item sets differs from the existing indicator's. */
function differs(field: ManagedField, wanted: IDataObject, existing: IDataObject): boolean {
	switch (field) {
		case 'severity':
			return wanted.severity !== existing.severity && lower(wanted.severity) !== lower(existing.severity);
		case 'platforms':
		case 'tags':
			return !sameSet(wanted[field], existing[field]);
		case 'applied_globally':
			return (wanted.applied_globally === true) !== (existing.applied_globally === true);
		case 'host_groups':
			return wanted.applied_globally === false && !sameSet(wanted.host_groups, existing.host_groups);
		case 'expiration':
			return !sameInstant(wanted.expiration, existing.expiration);
		case 'filename':
			return filenameOf(wanted) !== filenameOf(existing);
		default:
			return wanted[field] !== existing[field];
	}
}

/**
 * The managed fields in which an existing indicator differs from the feed's. A field the feed
 * item leaves unset is not managed for that indicator: Falcon keeps what it has.
 */
export function changedFields(wanted: IDataObject, existing: IDataObject): ManagedField[] {
	const changed: ManagedField[] = [];
	for (let position = 0; position < SYNC_MANAGED_FIELDS.length; position++) {
		const field = SYNC_MANAGED_FIELDS[position];
		const given = field === 'filename' ? filenameOf(wanted) !== undefined : wanted[field] !== undefined;
		if (given && differs(field, wanted, existing)) changed.push(field);
	}
	return changed;
}

/** The update that makes an existing indicator equal to the feed's: its ID and every field the feed sets. */
export function updatePatch(wanted: IDataObject, id: string): IDataObject {
	return { id, ...without(wanted, 'type', 'value') };
}

/**
 * The API refuses an expiration that is not in the future, so "expire now" sets the nearest one it
 * takes with room for the clocks to differ; Falcon then marks the indicator expired (action No Action).
 */
export const EXPIRE_NOW_MARGIN_MS = 5 * 60_000;

/** Whether an indicator is expired, or set to expire within the margin already. */
export function expiresSoon(record: IDataObject, now: number): boolean {
	if (record.expired === true) return true;
	const at = Date.parse(String(record.expiration ?? ''));
	return !Number.isNaN(at) && at <= now + EXPIRE_NOW_MARGIN_MS;
}

export function expireNowPatch(id: string, now: number): IDataObject {
	return { id, expiration: new Date(now + EXPIRE_NOW_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
