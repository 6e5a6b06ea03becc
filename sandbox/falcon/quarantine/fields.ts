/** The FQL filter, sort and `q` fields of quarantined files. */
import type { FieldSchema } from '../../core/fql';
import type { SortSpec } from '../../core/sort';
import type { QuarantineEntry } from './model';

export const QUARANTINE_FIELDS: FieldSchema<QuarantineEntry> = {
	id: { type: 'string', get: (e) => e.doc.id, sortable: false },
	aid: { type: 'string', get: (e) => e.doc.aid, sortable: false },
	cid: { type: 'string', get: (e) => e.doc.cid, sortable: false },
	sha256: { type: 'string', get: (e) => e.doc.sha256, sortable: false },
	state: { type: 'string', get: (e) => e.doc.state },
	hostname: { type: 'string', get: (e) => e.doc.hostname },
	username: { type: 'string', get: (e) => e.doc.username },
	date_created: { type: 'date', get: (e) => e.createdMs },
	date_updated: { type: 'date', get: (e) => e.updatedMs },
	'paths.path': { type: 'string', get: (e) => e.doc.paths.map((p) => p.path) },
	'paths.filename': { type: 'string', get: (e) => e.doc.paths.map((p) => p.filename), sortable: false },
	'paths.state': { type: 'string', get: (e) => e.doc.paths.map((p) => p.state) },
	detect_ids: { type: 'string', get: (e) => e.doc.detect_ids, sortable: false },
	alert_ids: { type: 'string', get: (e) => e.doc.alert_ids, sortable: false },
	primary_module: { type: 'boolean', get: (e) => e.doc.primary_module, sortable: false },
	is_on_removable_disk: { type: 'boolean', get: (e) => e.doc.is_on_removable_disk, sortable: false },
};

/** The fields `q` (match phrase prefix) searches; `_all` is every string field. */
export const Q_FIELDS = ['sha256', 'state', 'paths.path', 'paths.state', 'hostname', 'username'] as const;

export const DEFAULT_QUARANTINE_SORT = 'date_created.desc';

export const QUARANTINE_TIEBREAKER: SortSpec<QuarantineEntry> = { field: 'id', direction: 'asc', get: (e) => e.doc.id };
