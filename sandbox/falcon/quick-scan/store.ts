/**
 * Quick Scan: volumes of uploaded samples judged by the "ML engine". A scan stays `pending` for
 * `config.scanDelayMs`, then is `done` with a verdict per sample. Verdicts are deterministic: a
 * sample whose SHA-256 is on the seeded malicious list, or whose content holds the EICAR test
 * string, is `malware`; everything else is `clean`.
 */
import { ApiError } from '../../core/envelope';
import { hashHex } from '../../core/prng';
import type { SandboxConfig } from '../../types';
import type { SampleStore } from '../samples/store';
import { isMaliciousFile } from '../seed-data';

/** Samples one volume may hold. */
export const MAX_SAMPLES_PER_SCAN = 100;
/** The scan quota of the emulated account (samples). */
export const QUICK_SCAN_QUOTA = 10_000;

export type Verdict = 'malware' | 'clean';

export interface ScanSampleResult {
	sha256: string;
	verdict?: Verdict;
	error?: string;
}

/** A scan as GetScans answers it. */
export interface ScanRecord {
	id: string;
	cid: string;
	status: 'pending' | 'done';
	created_timestamp: string;
	samples: ScanSampleResult[];
}

export interface ScanEntry {
	id: string;
	/** Submission order (scans submitted in the same millisecond keep it). */
	seq: number;
	cid: string;
	createdMs: number;
	doneAtMs: number;
	createdBy: string;
	/** Verdicts decided at submission, revealed once the scan is done. */
	results: Array<{ sha256: string; verdict: Verdict }>;
}

export interface Quota {
	total: number;
	used: number;
	in_progress: number;
}

export function verdictFor(sha256: string, content: Buffer | undefined): Verdict {
	return isMaliciousFile(sha256, content) ? 'malware' : 'clean';
}

export class QuickScanStore {
	private readonly scans = new Map<string, ScanEntry>();
	private seq = 0;
	private used = 0;

	constructor(
		private readonly samples: SampleStore,
		private readonly config: () => SandboxConfig,
	) {}

	get size(): number {
		return this.scans.size;
	}

	reset(): void {
		this.scans.clear();
		this.seq = 0;
		this.used = 0;
	}

	/** ScanSamples: every SHA-256 must name an uploaded sample. Throws ApiError(400). */
	submit(shas: string[], by: string, now: number): ScanEntry {
		const unique = [...new Set(shas.map((s) => s.toLowerCase()))];
		const missing = unique.filter((sha) => !this.samples.get(sha));
		if (missing.length > 0) {
			throw new ApiError(
				400,
				missing.map((sha) => ({ code: 400, message: `Sample '${sha}' was not found: upload it with UploadSampleV3 before scanning`, id: sha })),
			);
		}
		const quota = this.quota(now);
		if (quota.used + unique.length > quota.total) {
			throw new ApiError(429, `Quick Scan quota exceeded: ${quota.used} of ${quota.total} samples used`);
		}
		const { cid, seq, id } = this.nextId(now);
		const entry: ScanEntry = {
			id,
			seq,
			cid,
			createdMs: now,
			doneAtMs: now + this.config().scanDelayMs,
			createdBy: by,
			results: unique.map((sha256) => ({ sha256, verdict: verdictFor(sha256, this.samples.get(sha256)?.data) })),
		};
		this.scans.set(entry.id, entry);
		this.used += unique.length;
		return entry;
	}

	/**
	 * A scan done now (admin route: what the Scan Completed trigger polls for), of a sample uploaded
	 * or not; `verdict` overrides the sandbox's judgement. Counts against the quota like a submission.
	 */
	addFinished(input: { sha256: string; verdict?: Verdict; by: string; at: number }): ScanEntry {
		const sha256 = input.sha256.toLowerCase();
		const { cid, seq, id } = this.nextId(input.at);
		const entry: ScanEntry = {
			id,
			seq,
			cid,
			createdMs: input.at,
			doneAtMs: input.at,
			createdBy: input.by,
			results: [{ sha256, verdict: input.verdict ?? verdictFor(sha256, this.samples.get(sha256)?.data) }],
		};
		this.scans.set(entry.id, entry);
		this.used++;
		return entry;
	}

	private nextId(at: number): { cid: string; seq: number; id: string } {
		const cid = this.config().cid.toLowerCase();
		const seq = ++this.seq;
		return { cid, seq, id: `${cid}_${hashHex(`scan:${this.config().randomSeed}:${seq}:${at}`, 32)}` };
	}

	entry(id: string): ScanEntry | undefined {
		return this.scans.get(id.toLowerCase());
	}

	entries(): ScanEntry[] {
		return [...this.scans.values()];
	}

	record(entry: ScanEntry, now: number): ScanRecord {
		const done = now >= entry.doneAtMs;
		return {
			id: entry.id,
			cid: entry.cid,
			status: done ? 'done' : 'pending',
			created_timestamp: new Date(entry.createdMs).toISOString(),
			samples: entry.results.map((r) => (done ? { sha256: r.sha256, verdict: r.verdict } : { sha256: r.sha256 })),
		};
	}

	quota(now: number): Quota {
		let inProgress = 0;
		for (const scan of this.scans.values()) if (now < scan.doneAtMs) inProgress += scan.results.length;
		return { total: QUICK_SCAN_QUOTA, used: this.used, in_progress: inProgress };
	}
}
