/**
 * Quick Scan Pro answers, shaped as the spec's models: quickscanpro.GetScanResultResource
 * ({id, scan: ScanMetadata, result: ScanResult}) and quickscanpro.LaunchScanResource.
 */
import type { ProScanEntry } from './store';

export type ScanStatus = 'running' | 'done' | 'failed';

export function statusOf(entry: ProScanEntry, now: number): ScanStatus {
	if (now < entry.doneAtMs) return 'running';
	return entry.failure ? 'failed' : 'done';
}

interface FileKind {
	file_type: string;
	file_type_short: string;
	mime_type: string;
}

/** A file's type from its first bytes, as far as the sandbox tells them apart. */
export function fileKind(head: Buffer): FileKind {
	if (head.subarray(0, 2).toString('latin1') === 'MZ') return { file_type: 'PE32 executable (Windows)', file_type_short: 'pe', mime_type: 'application/x-dosexec' };
	if (head.subarray(0, 4).toString('latin1') === '%PDF') return { file_type: 'PDF document', file_type_short: 'pdf', mime_type: 'application/pdf' };
	if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return { file_type: 'Zip archive data', file_type_short: 'zip', mime_type: 'application/zip' };
	if (head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return { file_type: 'ELF executable', file_type_short: 'elf', mime_type: 'application/x-executable' };
	if (head.length > 0 && head.every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f))) {
		return { file_type: 'ASCII text', file_type_short: 'txt', mime_type: 'text/plain' };
	}
	return { file_type: 'data', file_type_short: 'unknown', mime_type: 'application/octet-stream' };
}

function printable(head: Buffer): string {
	return [...head].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
}

/** quickscanpro.ScanResult: while the scan runs, only its required fields, with the verdict `unknown`. */
function result(entry: ProScanEntry, status: ScanStatus) {
	if (status === 'running') return { verdict: 'unknown', verdict_reason: 'The scan is still running', malicious_confidence: 0, file_artifacts: [] };
	if (status === 'failed') return { verdict: 'unknown', verdict_reason: 'The scan failed', malicious_confidence: 0, file_artifacts: [] };
	const malicious = entry.verdict === 'malicious';
	return {
		verdict: entry.verdict,
		verdict_reason: entry.reason,
		verdict_reasons: [entry.reason],
		verdict_source: ['sandbox-static-analysis'],
		malicious_confidence: malicious ? 100 : 0,
		file_artifacts: [{ sha256: entry.sha256, filename: entry.fileName, verdict: entry.verdict, verdict_reason: entry.reason }],
		url_artifacts: [],
		malware_families: entry.family ? [{ name: entry.family }] : [],
		mitre_attacks: [],
		static_indicators: [],
		yara_rules: [],
		file_size: entry.size,
		...fileKind(entry.head),
		first_content_bytes_hex: entry.head.toString('hex'),
		first_content_bytes_ascii: printable(entry.head),
	};
}

/** quickscanpro.GetScanResultResource. */
export function scanResource(entry: ProScanEntry, now: number) {
	const status = statusOf(entry, now);
	return {
		id: entry.id,
		scan: {
			sha256: entry.sha256,
			status,
			created_timestamp: new Date(entry.createdMs).toISOString(),
			updated_timestamp: new Date(status === 'running' ? entry.createdMs : entry.doneAtMs).toISOString(),
			...(status === 'failed' && entry.failure ? { errors: [{ ...entry.failure }] } : {}),
		},
		result: result(entry, status),
	};
}

/** quickscanpro.LaunchScanResource. */
export function launchResource(entry: ProScanEntry) {
	return { id: entry.id, sha256: entry.sha256, created_timestamp: new Date(entry.createdMs).toISOString() };
}
