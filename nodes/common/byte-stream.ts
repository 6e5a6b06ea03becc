/**
 * A file answer read as it arrives (n8n's request helper with `encoding: 'stream'`): counted, held
 * to a size cap (the download stops as soon as it is passed), and gathered into one Buffer, with
 * no string or array copies on the way.
 */

/** The answer body of a streamed request: n8n hands over the response stream. */
export interface ByteStream extends AsyncIterable<Uint8Array | string> {
	destroy?(error?: Error): void;
	/** An HTTP response's idle timeout (the socket's): no byte for this long ends the read. */
	setTimeout?(ms: number, callback: () => void): unknown;
}

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
	if (idleMs !== undefined && typeof stream.setTimeout === 'function') {
		stream.setTimeout(idleMs, () => stream.destroy?.(new Error(`no data for ${Math.round(idleMs / 1000)} s`)));
	}
	let whole = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
	let chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const piece of stream) {
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
	}
	if (whole !== undefined) return { data: size === whole.length ? whole : whole.subarray(0, size) };
	return { data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) };
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
