/** Quarantine: the quarantined-file record, its states, and what each action does to them. */

export const QUARANTINE_ACTIONS = ['release', 'unrelease', 'delete'] as const;
export type QuarantineAction = (typeof QUARANTINE_ACTIONS)[number];

export const QUARANTINE_STATES = ['quarantined', 'released', 'deleted'] as const;
export type QuarantineState = (typeof QUARANTINE_STATES)[number];

/** The states a file must be in for an action to touch it (what ActionUpdateCount counts). */
export const ACTION_SOURCES: Record<QuarantineAction, readonly QuarantineState[]> = {
	release: ['quarantined'],
	unrelease: ['released'],
	delete: ['quarantined', 'released'],
};

export const ACTION_TARGET: Record<QuarantineAction, QuarantineState> = {
	release: 'released',
	unrelease: 'quarantined',
	delete: 'deleted',
};

/** IDs per GetQuarantineFiles / UpdateQuarantinedDetectsByIds request (PSFalcon batches at 500). */
export const MAX_IDS_PER_REQUEST = 500;
export const MAX_QUERY_LIMIT = 5000;

export interface QuarantinePath {
	path: string;
	filename: string;
	state: QuarantineState;
}

/** A quarantined file as GetQuarantineFiles answers it. */
export interface QuarantinedFile {
	/** `<aid>_<sha256>` */
	id: string;
	aid: string;
	cid: string;
	sha256: string;
	state: QuarantineState;
	hostname: string;
	username: string;
	paths: QuarantinePath[];
	date_created: string;
	date_updated: string;
	detect_ids: string[];
	alert_ids: string[];
	primary_module: boolean;
	is_on_removable_disk: boolean;
}

export interface QuarantineEntry {
	doc: QuarantinedFile;
	createdMs: number;
	updatedMs: number;
}

/** One action the store applied: the audit trail tests and the demo read. */
export interface QuarantineActionRecord {
	id: string;
	action: QuarantineAction;
	comment?: string;
	from: QuarantineState;
	to: QuarantineState;
	by: string;
	at: string;
}
