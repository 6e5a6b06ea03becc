/**
 * A small multipart/form-data parser working on a complete body Buffer.
 * Uses Buffer.indexOf, so a 256 MB upload is parsed without copying its content.
 */

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	/** A view into the request body (no copy). */
	data: Buffer;
	size: number;
}

export interface MultipartBody {
	fields: Record<string, string[]>;
	files: MultipartFile[];
}

export class MultipartError extends Error {}

/** The boundary parameter of a `multipart/form-data; boundary=…` content type. */
export function multipartBoundary(contentType: string): string | undefined {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]) : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
	const result: MultipartBody = { fields: {}, files: [] };
	const delimiter = Buffer.from(`--${boundary}`);
	const crlfDelimiter = Buffer.from(`\r\n--${boundary}`);
	const lfDelimiter = Buffer.from(`\n--${boundary}`);
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new MultipartError('multipart boundary not found');

	for (;;) {
		pos += delimiter.length;
		// "--" after a delimiter closes the body.
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
		// Skip the CRLF (or LF) ending the delimiter line.
		if (body[pos] === 0x0d) pos++;
		if (body[pos] === 0x0a) pos++;
		else throw new MultipartError('malformed multipart delimiter line');

		let headerEnd = body.indexOf('\r\n\r\n', pos);
		let sepLength = 4;
		if (headerEnd < 0) {
			headerEnd = body.indexOf('\n\n', pos);
			sepLength = 2;
		}
		if (headerEnd < 0) throw new MultipartError('multipart part without headers');
		const headers = parsePartHeaders(body.subarray(pos, headerEnd).toString('utf8'));
		const contentStart = headerEnd + sepLength;
		// A part ends at CRLF "--boundary" (RFC 2046); accept a bare LF too.
		let next = body.indexOf(crlfDelimiter, contentStart);
		let contentEnd: number;
		if (next >= 0) {
			contentEnd = next;
			next += 2;
		} else {
			next = body.indexOf(lfDelimiter, contentStart);
			if (next < 0) throw new MultipartError('multipart body not terminated');
			contentEnd = next;
			next += 1;
		}
		const content = body.subarray(contentStart, Math.max(contentStart, contentEnd));

		const disposition = headers['content-disposition'] ?? '';
		const name = dispositionParam(disposition, 'name');
		if (name === undefined) throw new MultipartError('multipart part without a name');
		const filename = dispositionParam(disposition, 'filename');
		if (filename !== undefined) {
			result.files.push({
				field: name,
				filename,
				contentType: headers['content-type'] ?? 'application/octet-stream',
				data: content,
				size: content.length,
			});
		} else {
			(result.fields[name] ??= []).push(content.toString('utf8'));
		}
		pos = next;
	}
	return result;
}

function parsePartHeaders(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const line of text.split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return out;
}

function dispositionParam(disposition: string, param: string): string | undefined {
	const re = new RegExp(`(?:^|;)\\s*${param}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
	const m = re.exec(disposition);
	if (!m) return undefined;
	const value = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim();
	// RFC 5987 form: utf-8''name%20here
	const ext = /^utf-8''(.*)$/i.exec(value);
	return ext ? decodeURIComponent(ext[1]) : value;
}
