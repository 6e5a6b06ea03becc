/**
 * Quick Scan Pro: files uploaded by SHA-256, and scans of them. A launched scan is `running` for
 * `config.scanDelayMs`, then `done` with its verdict: `malicious` for the EICAR test file, a file
 * holding the EICAR string or a hash on the seeded malicious list, `clean` for anything else.
 * Every launched scan uses one of the account's `config.quickScanProQuota` scans; past it, LaunchScan
 * answers 429.
 */
import { createHash } from 'node:crypto';

import { ApiError } from '../../core/envelope';
import { hashHex } from '../../core/prng';
import { retryAfterValue } from '../../core/rate-limiter';
import type { SandboxConfig } from '../../types';
import { EICAR_SHA256, isKnownMaliciousSha256, isMaliciousFile } from '../seed-data';

/** Scans one LaunchScan request may start (the sandbox's limit; the spec sets none). */
export const MAX_SCANS_PER_LAUNCH = 100;

/** How far ahead a quota refusal's RetryAfter points. */
const QUOTA_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export interface ProFile {
	sha256: string;
	file_name: string;
	size: number;
	data: Buffer;
	uploaded_by: string;
	created_timestamp: string;
}

export type ProVerdict = 'malicious' | 'clean';

export interface ProScanEntry {
	/** 32 lower-case hex characters. */
	id: string;
	/** Launch order (scans launched in the same millisecond keep it). */
	seq: number;
	cid: string;
	sha256: string;
	fileName: string;
	size: number;
	/** The first bytes of the file (first_content_bytes_*). */
	head: Buffer;
	createdMs: number;
	doneAtMs: number;
	createdBy: string;
	/** Decided at launch, revealed once the scan is done. */
	verdict: ProVerdict;
	/** Why: the EICAR string in the content, or the hash on the malicious list. */
	reason: string;
	family?: string;
	/** An archive password came with the launch. */
	withPassword: boolean;
	/** Set when the scan ends `failed` (a test's `failScansOf`): quickscanpro.Error. */
	failure?: ScanError;
}

export interface ScanError {
	code: string;
	message: string;
}

export interface ProQuota {
	total: number;
	used: number;
	in_progress: number;
}

interface Judgement {
	verdict: ProVerdict;
	reason: string;
	/** The malware family named in the result, when the sandbox knows it. */
	family?: string;
}

function judge(sha256: string, data: Buffer | undefined): Judgement {
	if (!isMaliciousFile(sha256, data)) return { verdict: 'clean', reason: 'No malicious indicators found' };
	const eicar = sha256.toLowerCase() === EICAR_SHA256 || !isKnownMaliciousSha256(sha256);
	return {
		verdict: 'malicious',
		reason: isKnownMaliciousSha256(sha256) ? 'Known malicious file hash' : 'Contains the EICAR anti-malware test string',
		...(eicar ? { family: 'EICAR-Test-File' } : {}),
	};
}

export class QuickScanProStore {
	private readonly files = new Map<string, ProFile>();
	private readonly scans = new Map<string, ProScanEntry>();
	private seq = 0;
	private used = 0;
	/** Files whose scans end failed, with the error (tests: CrowdStrike could not analyse a file). */
	private readonly failing = new Map<string, ScanError>();

	constructor(private readonly config: () => SandboxConfig) {}

	reset(): void {
		this.files.clear();
		this.scans.clear();
		this.seq = 0;
		this.used = 0;
		this.failing.clear();
	}

	/** From now on, scans of this file end `failed` with this error (a control for tests, as CrowdStrike may fail to analyse a file). */
	failScansOf(sha256: string, error: ScanError): void {
		this.failing.set(sha256.toLowerCase(), error);
	}

	/** Stores a file (a copy: multipart files are views into the request body). The same content again replaces its name. */
	putFile(data: Buffer, fileName: string, by: string, now: number): ProFile {
		const copy = Buffer.from(data);
		const sha256 = createHash('sha256').update(copy).digest('hex');
		const file: ProFile = { sha256, file_name: fileName, size: copy.length, data: copy, uploaded_by: by, created_timestamp: new Date(now).toISOString() };
		this.files.set(sha256, file);
		return file;
	}

	file(sha256: string): ProFile | undefined {
		return this.files.get(sha256.toLowerCase());
	}

	removeFile(sha256: string): boolean {
		return this.files.delete(sha256.toLowerCase());
	}

	/**
	 * LaunchScan: one scan per uploaded file. Every SHA-256 must name an uploaded file (400 naming the
	 * others), and the quota must hold them all (429 until the quota renews). Nothing starts otherwise.
	 */
	launch(requests: Array<{ sha256: string; withPassword: boolean }>, by: string, now: number): ProScanEntry[] {
		const missing = [...new Set(requests.map((r) => r.sha256.toLowerCase()).filter((sha) => !this.files.has(sha)))];
		if (missing.length > 0) {
			throw new ApiError(
				400,
				missing.map((sha) => ({ code: 400, message: `File '${sha}' was not found: upload it to /quickscanpro/entities/files/v1 before scanning`, id: sha })),
			);
		}
		this.checkQuota(requests.length, now);
		return requests.map((request) => {
			const file = this.files.get(request.sha256.toLowerCase()) as ProFile;
			return this.add({ file, withPassword: request.withPassword, by, createdMs: now, doneAtMs: now + this.config().scanDelayMs, ...judge(file.sha256, file.data) });
		});
	}

	/** A scan that is already done (the admin endpoint): of a stored file, or of a hash the sandbox never saw. */
	addFinished(input: { sha256: string; fileName: string; verdict?: ProVerdict; at: number }): ProScanEntry {
		const file = this.files.get(input.sha256) ?? { sha256: input.sha256, file_name: input.fileName || 'sample', size: 0, data: Buffer.alloc(0), uploaded_by: 'sandbox-admin', created_timestamp: new Date(input.at).toISOString() };
		const judged = judge(file.sha256, file.size > 0 ? file.data : undefined);
		const verdict = input.verdict ?? judged.verdict;
		const judgement = verdict === judged.verdict ? judged : { verdict, reason: `Marked ${verdict} by the sandbox admin` };
		this.used++;
		return this.add({ file: { ...file, file_name: input.fileName || file.file_name }, withPassword: false, by: 'sandbox-admin', createdMs: input.at, doneAtMs: input.at, ...judgement });
	}

	private add(input: Judgement & { file: ProFile; withPassword: boolean; by: string; createdMs: number; doneAtMs: number }): ProScanEntry {
		const seq = ++this.seq;
		const entry: ProScanEntry = {
			id: hashHex(`quickscanpro:${this.config().randomSeed}:${seq}:${input.createdMs}`, 32),
			seq,
			cid: this.config().cid.toLowerCase(),
			sha256: input.file.sha256,
			fileName: input.file.file_name,
			size: input.file.size,
			head: Buffer.from(input.file.data.subarray(0, 16)),
			createdMs: input.createdMs,
			doneAtMs: input.doneAtMs,
			createdBy: input.by,
			verdict: input.verdict,
			reason: input.reason,
			...(input.family ? { family: input.family } : {}),
			withPassword: input.withPassword,
			...(this.failing.has(input.file.sha256) ? { failure: this.failing.get(input.file.sha256) } : {}),
		};
		this.scans.set(entry.id, entry);
		return entry;
	}

	private checkQuota(count: number, now: number): void {
		const total = this.config().quickScanProQuota;
		if (this.used + count <= total) {
			this.used += count;
			return;
		}
		// The spec's 429, its RetryAfter a day ahead: no client should wait for it (the sandbox's quota
		// renews only with reset() or a higher quickScanProQuota).
		throw new ApiError(429, `QuickScan Pro scan quota exceeded: ${this.used} of ${total} scans used, ${count} more requested`, {
			'X-RateLimit-RetryAfter': retryAfterValue(now + QUOTA_RETRY_AFTER_MS, this.config().retryAfterUnit),
		});
	}

	scan(id: string): ProScanEntry | undefined {
		return this.scans.get(id.toLowerCase());
	}

	removeScan(id: string): boolean {
		return this.scans.delete(id.toLowerCase());
	}

	entries(): ProScanEntry[] {
		return [...this.scans.values()];
	}

	quota(now: number): ProQuota {
		let inProgress = 0;
		for (const scan of this.scans.values()) if (now < scan.doneAtMs) inProgress++;
		return { total: this.config().quickScanProQuota, used: this.used, in_progress: inProgress };
	}
}
