/** Sample Uploads: the files uploaded for Quick Scan (and other analysis), by SHA-256. */
import { createHash } from 'node:crypto';

/** The API's limit on one sample (UploadSampleV3): 256 MB. */
export const MAX_SAMPLE_BYTES = 256 * 1024 * 1024;

/** The password CrowdStrike protects sample archives with. */
export const SAMPLE_ZIP_PASSWORD = 'infected';

export interface StoredSample {
	sha256: string;
	file_name: string;
	comment?: string;
	is_confidential: boolean;
	size: number;
	data: Buffer;
	uploaded_by: string;
	created_timestamp: string;
}

export class SampleStore {
	private readonly samples = new Map<string, StoredSample>();

	get size(): number {
		return this.samples.size;
	}

	reset(): void {
		this.samples.clear();
	}

	/** Stores a sample (a copy of `data`: multipart files are views into the request body). Uploading the same content again replaces its metadata. */
	put(data: Buffer, meta: { file_name: string; comment?: string; is_confidential: boolean; uploaded_by: string }, now: number): StoredSample {
		const copy = Buffer.from(data);
		const sha256 = createHash('sha256').update(copy).digest('hex');
		const sample: StoredSample = {
			sha256,
			file_name: meta.file_name,
			...(meta.comment ? { comment: meta.comment } : {}),
			is_confidential: meta.is_confidential,
			size: copy.length,
			data: copy,
			uploaded_by: meta.uploaded_by,
			created_timestamp: new Date(now).toISOString(),
		};
		this.samples.set(sha256, sample);
		return sample;
	}

	get(sha256: string): StoredSample | undefined {
		return this.samples.get(sha256.toLowerCase());
	}

	remove(sha256: string): boolean {
		return this.samples.delete(sha256.toLowerCase());
	}
}
