/**
 * A file answer read as it arrives (n8n's request helper with `encoding: 'stream'`): counted, held
 * to a size cap (the download stops as soon as it is passed), and gathered into one Buffer, with
 * no string or array copies on the way.
 */

import { sleep } from 'n8n-workflow';

/** The answer body of a streamed request: n8n hands over the response stream. */
export interface ByteStream extends AsyncIterable<Uint8Array | string> {
	destroy?(error?: Error): void;
}

/** How often an idle watch looks at the time of the last byte. */
const IDLE_STEP_MS = 200;

export type CappedRead = { data: Buffer } | { tooLarge: true; bytes: number; declared: boolean } | { cut: Error; bytes: number };

export function isByteStream(body: unknown): body is ByteStream {
	return body !== null && typeof body === 'object' && typeof (body as Partial<ByteStream>)[Symbol.asyncIterator] === 'function';
}

/** The Content-Length an answer declares, when it is a whole number. */
export function declaredLength(headers: Record<string, unknown>): number | undefined {
	const raw = headers['content-length'];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Reads the stream into one Buffer of at most `maxBytes`. A declared length above the cap stops
 * before the first byte; a body growing past it stops at that chunk. With a declared length the
 * bytes go straight into one Buffer of that size; without, the chunks are joined once at the end.
 */
export async function readCapped(stream: ByteStream, maxBytes: number, options: { declared?: number; idleMs?: number } = {}): Promise<CappedRead> {
	const { declared, idleMs } = options;
	if (declared !== undefined && declared > maxBytes) {
		stream.destroy?.();
		return { tooLarge: true, bytes: declared, declared: true };
	}
	const idle = idleMs !== undefined ? watchIdle(stream, idleMs) : undefined;
	let whole = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
	let chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const piece of stream) {
			idle?.touch();
			const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
			if (size + chunk.length > maxBytes) {
				stream.destroy?.();
				return { tooLarge: true, bytes: size + chunk.length, declared: false };
			}
			if (whole !== undefined && size + chunk.length <= whole.length) {
				whole.set(chunk, size);
			} else {
				// More than declared: the rest is gathered as chunks.
				if (whole !== undefined) chunks = [whole.subarray(0, size)];
				whole = undefined;
				chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
			}
			size += chunk.length;
		}
	} catch (error) {
		return { cut: error instanceof Error ? error : new Error(String(error)), bytes: size };
	} finally {
		idle?.stop();
	}
	if (whole !== undefined) return { data: size === whole.length ? whole : whole.subarray(0, size) };
	return { data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) };
}

/**
 * Ends the stream with an error once no byte came for `idleMs`: one watch per read, in short steps
 * (a gzip answer is a zlib stream, which has no socket timeout of its own).
 */
function watchIdle(stream: ByteStream, idleMs: number): { touch(): void; stop(): void } {
	let last = Date.now();
	let stopped = false;
	void (async () => {
		while (!stopped) {
			await sleep(IDLE_STEP_MS);
			if (!stopped && Date.now() - last > idleMs) {
				stream.destroy?.(new Error(`no data for ${Math.round(idleMs / 1000)} s`));
				return;
			}
		}
	})();
	return {
		touch: () => {
			last = Date.now();
		},
		stop: () => {
			stopped = true;
		},
	};
}

/** An error answer's body, read from the stream (at most 1 MB) and parsed as JSON when it is JSON. */
export async function readErrorBody(stream: ByteStream): Promise<unknown> {
	const read = await readCapped(stream, 1024 * 1024);
	if (!('data' in read)) return undefined;
	const text = read.data.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** A size for people: "3.0 MB (3145728 bytes)". */
export function sizeText(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB (${bytes} bytes)`;
}
