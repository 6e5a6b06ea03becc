import './env';

import { extname } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import prettyBytes from 'pretty-bytes';
import type { IBinaryData, IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import { ensureRuntime } from './runtime';

/** Binary input as a test may give it: n8n's IBinaryData, or raw content. */
export type BinaryInput = IBinaryData | Buffer | string;

export interface InputExecutionData {
	json: IDataObject;
	binary?: Record<string, BinaryInput>;
	pairedItem?: INodeExecutionData['pairedItem'];
	error?: INodeExecutionData['error'];
}

/** An input item: plain json, or an n8n item whose binary values may also be raw content. */
export type InputItem = IDataObject | InputExecutionData | INodeExecutionData;

/**
 * n8n's in-memory (`default` mode) binary data for some content: base64 `data` plus the metadata
 * `prepareBinaryData` would set. MIME type from the file name unless given.
 */
export function toBinary(
	content: Buffer | string,
	options: { fileName?: string; mimeType?: string } = {},
): IBinaryData {
	const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
	const { fileName } = options;
	const mimeType = options.mimeType ?? mimeTypeOf(fileName);
	const binary: IBinaryData = {
		data: buffer.toString(BINARY_ENCODING),
		mimeType,
		fileSize: prettyBytes(buffer.length),
		bytes: buffer.length,
	};
	if (fileName) {
		binary.fileName = fileName;
		const extension = extname(fileName).slice(1);
		if (extension) binary.fileExtension = extension;
	}
	binary.fileType = fileTypeOf(mimeType);
	return binary;
}

const MIME_TYPES: Record<string, string> = {
	txt: 'text/plain',
	csv: 'text/csv',
	html: 'text/html',
	json: 'application/json',
	xml: 'application/xml',
	pdf: 'application/pdf',
	zip: 'application/zip',
	gz: 'application/gzip',
	exe: 'application/x-msdownload',
	dll: 'application/x-msdownload',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
};

function mimeTypeOf(fileName: string | undefined): string {
	const extension = fileName ? extname(fileName).slice(1).toLowerCase() : '';
	return MIME_TYPES[extension] ?? 'application/octet-stream';
}

function fileTypeOf(mimeType: string): IBinaryData['fileType'] {
	const [kind] = mimeType.split('/');
	if (mimeType === 'application/json') return 'json';
	if (mimeType === 'application/pdf') return 'pdf';
	if (mimeType === 'text/html') return 'html';
	if (['image', 'video', 'audio', 'text'].includes(kind)) return kind as IBinaryData['fileType'];
	return undefined;
}

/** The content of a binary property, through n8n-core's BinaryDataService (any storage mode). */
export async function binaryToBuffer(binary: IBinaryData): Promise<Buffer> {
	await ensureRuntime();
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** Same as `binaryToBuffer`, decoded as UTF-8. */
export async function binaryToString(binary: IBinaryData): Promise<string> {
	return (await binaryToBuffer(binary)).toString('utf8');
}

const ITEM_KEYS = new Set(['json', 'binary', 'pairedItem', 'error']);

function isExecutionData(item: InputItem): boolean {
	const { json } = item as { json?: unknown };
	return (
		typeof json === 'object' &&
		json !== null &&
		!Array.isArray(json) &&
		Object.keys(item).every((key) => ITEM_KEYS.has(key))
	);
}

/**
 * Test input → n8n items: `{ a: 1 }` becomes `{ json: { a: 1 } }`; an object with `json` (and only
 * json/binary/pairedItem/error) is taken as an item, its Buffer/string binary values converted.
 */
export function toExecutionData(items: InputItem[]): INodeExecutionData[] {
	return items.map((input) => {
		if (!isExecutionData(input)) return { json: input as IDataObject };
		const item = input as InputExecutionData;
		const result: INodeExecutionData = { json: item.json };
		if (item.pairedItem !== undefined) result.pairedItem = item.pairedItem;
		if (item.error !== undefined) result.error = item.error;
		if (item.binary) {
			const binary: IBinaryKeyData = {};
			for (const [key, value] of Object.entries(item.binary)) {
				binary[key] = typeof value === 'string' || Buffer.isBuffer(value) ? toBinary(value) : value;
			}
			result.binary = binary;
		}
		return result;
	});
}
