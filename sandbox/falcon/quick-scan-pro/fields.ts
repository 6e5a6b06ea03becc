/** The FQL fields of QueryScanResults (the spec's list, as far as the sandbox's scans carry them). */
import type { FieldSchema } from '../../core/fql';
import type { SortSpec } from '../../core/sort';
import { fileKind, statusOf, type ScanStatus } from './records';
import type { ProScanEntry } from './store';

export interface ScanDoc {
	entry: ProScanEntry;
	status: ScanStatus;
}

export function docOf(entry: ProScanEntry, now: number): ScanDoc {
	return { entry, status: statusOf(entry, now) };
}

/** What a running scan's result says: nothing yet. */
const done = <T>(d: ScanDoc, value: T): T | undefined => (d.status === 'done' ? value : undefined);

const strings = (d: ScanDoc): string[] => {
	const kind = fileKind(d.entry.head);
	const verdict = d.status === 'done' ? [d.entry.verdict, d.entry.reason, ...(d.entry.family ? [d.entry.family] : [])] : ['unknown'];
	return [d.entry.id, d.entry.sha256, d.entry.fileName, d.status, kind.file_type, kind.file_type_short, kind.mime_type, ...verdict];
};

const exact = { sortable: false } as const;

export const SCAN_FIELDS: FieldSchema<ScanDoc> = {
	_all: { type: 'string', get: strings, ...exact },
	id: { type: 'string', get: (d) => d.entry.id, ...exact },
	cid: { type: 'string', get: (d) => d.entry.cid, ...exact },
	sha256: { type: 'string', get: (d) => d.entry.sha256, ...exact },
	status: { type: 'string', get: (d) => d.status, ...exact },
	type: { type: 'string', get: () => 'file', ...exact },
	executor: { type: 'string', get: (d) => d.entry.createdBy, ...exact },
	verdict: { type: 'string', get: (d) => done(d, d.entry.verdict) ?? 'unknown', ...exact },
	verdict_reason: { type: 'string', get: (d) => done(d, d.entry.reason), ...exact },
	verdict_reasons: { type: 'string', get: (d) => done(d, [d.entry.reason]), ...exact },
	verdict_source: { type: 'string', get: (d) => done(d, 'sandbox-static-analysis'), ...exact },
	file_size: { type: 'number', get: (d) => d.entry.size, ...exact },
	file_type: { type: 'string', get: (d) => fileKind(d.entry.head).file_type, ...exact },
	file_type_short: { type: 'string', get: (d) => fileKind(d.entry.head).file_type_short, ...exact },
	mime_type: { type: 'string', get: (d) => fileKind(d.entry.head).mime_type, ...exact },
	'artifacts.file_artifacts.sha256': { type: 'string', get: (d) => done(d, d.entry.sha256), ...exact },
	'artifacts.file_artifacts.filename': { type: 'string', get: (d) => done(d, d.entry.fileName), ...exact },
	'artifacts.file_artifacts.verdict': { type: 'string', get: (d) => done(d, d.entry.verdict), ...exact },
	created_timestamp: { type: 'date', get: (d) => d.entry.createdMs },
	updated_timestamp: { type: 'date', get: (d) => (d.status === 'running' ? d.entry.createdMs : d.entry.doneAtMs), ...exact },
};

/** Scans launched in the same millisecond keep their launch order. */
export const TIEBREAKER: SortSpec<ScanDoc> = { field: 'seq', direction: 'asc', get: (d) => d.entry.seq };
