/** The FQL filter and sort fields of IOC Management indicators. */
import type { FieldSchema } from '../../core/fql';
import type { SortSpec } from '../../core/sort';
import { type IocEntry, severityNumber } from './model';


export const INDICATOR_FIELDS: FieldSchema<IocEntry> = {
	id: { type: 'string', get: (e) => e.doc.id },
	type: { type: 'string', get: (e) => e.doc.type },
	value: { type: 'string', get: (e) => e.doc.value },
	action: { type: 'string', get: (e) => e.doc.action },
	mobile_action: { type: 'string', get: (e) => e.doc.mobile_action, sortable: false },
	severity: { type: 'string', get: (e) => e.doc.severity, sortable: false },
	severity_number: { type: 'number', get: (e) => severityNumber(e.doc.severity) },
	platforms: { type: 'string', get: (e) => e.doc.platforms, sortable: false },
	applied_globally: { type: 'boolean', get: (e) => e.doc.applied_globally },
	host_groups: { type: 'string', get: (e) => e.doc.host_groups, sortable: false },
	expiration: { type: 'date', get: (e) => e.expirationMs },
	expired: { type: 'boolean', get: (e) => e.doc.expired },
	deleted: { type: 'boolean', get: (e) => e.doc.deleted, sortable: false },
	source: { type: 'string', get: (e) => e.doc.source },
	description: { type: 'string', get: (e) => e.doc.description, sortable: false },
	tags: { type: 'string', get: (e) => e.doc.tags, sortable: false },
	from_parent: { type: 'boolean', get: (e) => e.doc.from_parent, sortable: false },
	created_by: { type: 'string', get: (e) => e.doc.created_by },
	created_on: { type: 'date', get: (e) => e.createdMs },
	modified_by: { type: 'string', get: (e) => e.doc.modified_by },
	modified_on: { type: 'date', get: (e) => e.modifiedMs },
	'metadata.filename': { type: 'string', get: (e) => e.doc.metadata.filename, sortable: false },
	'metadata.filename.raw': { type: 'string', get: (e) => e.doc.metadata.filename, caseSensitive: true },
	'metadata.av_hits': { type: 'number', get: (e) => e.doc.metadata.av_hits },
	'metadata.signed': { type: 'boolean', get: (e) => e.doc.metadata.signed, sortable: false },
};

/** Sort names accepted besides the schema's own. */
export const INDICATOR_SORT_ALIASES: Record<string, string> = {
	severity: 'severity_number',
	'metadata.filename': 'metadata.filename.raw',
};

/** Default order of searches (newest first). */
export const DEFAULT_INDICATOR_SORT = 'created_on.desc';

/** Appended to every sort so the order is total and `after` cursors are exact. */
export const INDICATOR_TIEBREAKER: SortSpec<IocEntry> = { field: 'id', direction: 'asc', get: (e) => e.doc.id };
