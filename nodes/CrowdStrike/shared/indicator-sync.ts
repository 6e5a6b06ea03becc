import type { IDataObject } from 'n8n-workflow';

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

function sameSet(a: unknown, b: unknown): boolean {
	const left = new Set((Array.isArray(a) ? a : []).map(lower));
	const right = new Set((Array.isArray(b) ? b : []).map(lower));
	return left.size === right.size && [...left].every((entry) => right.has(entry));
}

/** Two date-times as the same instant (the API may write `…Z` where we sent `….000Z`). */
function sameInstant(a: unknown, b: unknown): boolean {
	const left = Date.parse(String(a ?? ''));
	const right = Date.parse(String(b ?? ''));
	return Number.isNaN(left) || Number.isNaN(right) ? String(a ?? '') === String(b ?? '') : Math.floor(left / 1000) === Math.floor(right / 1000);
}

const filenameOf = (record: IDataObject) => (record.metadata as IDataObject | undefined)?.filename;

/**
 * The managed fields in which an existing indicator differs from the feed's. A field the feed
 * item leaves unset is not managed for that indicator: Falcon keeps what it has.
 */
export function changedFields(wanted: IDataObject, existing: IDataObject): ManagedField[] {
	const changed: ManagedField[] = [];
	const differs: Record<ManagedField, () => boolean> = {
		action: () => wanted.action !== existing.action,
		severity: () => lower(wanted.severity) !== lower(existing.severity),
		platforms: () => !sameSet(wanted.platforms, existing.platforms),
		applied_globally: () => (wanted.applied_globally === true) !== (existing.applied_globally === true),
		host_groups: () => wanted.applied_globally === false && !sameSet(wanted.host_groups, existing.host_groups),
		expiration: () => !sameInstant(wanted.expiration, existing.expiration),
		description: () => wanted.description !== existing.description,
		tags: () => !sameSet(wanted.tags, existing.tags),
		filename: () => filenameOf(wanted) !== filenameOf(existing),
		mobile_action: () => wanted.mobile_action !== existing.mobile_action,
	};
	const given = (field: ManagedField) => (field === 'filename' ? filenameOf(wanted) !== undefined : wanted[field] !== undefined);
	for (const field of SYNC_MANAGED_FIELDS) if (given(field) && differs[field]()) changed.push(field);
	return changed;
}

/** The update that makes an existing indicator equal to the feed's: its ID and every field the feed sets. */
export function updatePatch(wanted: IDataObject, id: string): IDataObject {
	const { type: _type, value: _value, ...fields } = wanted;
	return { id, ...fields };
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
