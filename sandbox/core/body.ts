import type { IncomingMessage } from 'node:http';
import { ApiError } from './envelope';
import { multipartBoundary, MultipartError, parseMultipart, type MultipartFile } from './multipart';
import type { QueryMap } from './query';
import { parseQuery } from './query';

export type BodyKind = 'none' | 'json' | 'form' | 'multipart' | 'text' | 'binary';

export interface ParsedBody {
	kind: BodyKind;
	/** JSON value, form fields (name -> first value) for form/multipart, text, or undefined. */
	value: unknown;
	/** Form-urlencoded or multipart fields, every value kept. */
	form?: QueryMap;
	files?: MultipartFile[];
	raw: Buffer;
}

export class BodyTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`Request body exceeds the limit of ${limit} bytes`);
	}
}

/** Past the limit, the rest of a body is still read (and dropped) up to this much, so the client sees the 413. */
const DRAIN_CAP_BYTES = 512 * 1024 * 1024;

/**
 * Reads the request body, answering BodyTooLargeError past `maxBytes`: at once when
 * Content-Length says so, else once the (discarded) rest of the body has arrived.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > maxBytes) {
			reject(new BodyTooLargeError(maxBytes));
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let overflow = false;
		let done = false;
		req.on('data', (chunk: Buffer) => {
			if (done) return;
			size += chunk.length;
			if (size > maxBytes) {
				overflow = true;
				chunks.length = 0;
				if (size > maxBytes + DRAIN_CAP_BYTES) {
					done = true;
					reject(new BodyTooLargeError(maxBytes));
				}
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (done) return;
			done = true;
			if (overflow) reject(new BodyTooLargeError(maxBytes));
			else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
		});
		req.on('error', (err) => {
			if (done) return;
			done = true;
			reject(err);
		});
	});
}

/** Parses a body by its content type: JSON (also `+json`), form-urlencoded, multipart, text. */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
	if (raw.length === 0) return { kind: 'none', value: undefined, raw };
	const ct = (contentType ?? '').toLowerCase();
	if (ct.includes('multipart/form-data')) {
		const boundary = multipartBoundary(contentType ?? '');
		if (!boundary) throw new ApiError(400, 'multipart/form-data body without a boundary');
		try {
			const parsed = parseMultipart(raw, boundary);
			return { kind: 'multipart', value: firstValues(parsed.fields), form: parsed.fields, files: parsed.files, raw };
		} catch (err) {
			if (err instanceof MultipartError) throw new ApiError(400, `Invalid multipart body: ${err.message}`);
			throw err;
		}
	}
	if (ct.includes('application/x-www-form-urlencoded')) {
		const form = parseQuery(raw.toString('utf8'));
		return { kind: 'form', value: firstValues(form), form, raw };
	}
	const text = raw.toString('utf8');
	const looksJson = ct.includes('json') || (ct === '' && /^\s*[[{"]/.test(text));
	if (looksJson) {
		try {
			return { kind: 'json', value: JSON.parse(text), raw };
		} catch (err) {
			throw new ApiError(400, `Invalid JSON body: ${(err as Error).message}`);
		}
	}
	if (ct.startsWith('text/') || ct === '') return { kind: 'text', value: text, raw };
	return { kind: 'binary', value: undefined, raw };
}

function firstValues(map: QueryMap): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(map)) out[k] = v[0];
	return out;
}
