import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, validateField } from '../../common/validation';
import { text } from '../../common/values';
import { apiError } from '../../common/transport';

/** CrowdStrike's limit on one uploaded file (Sample Uploads and Quick Scan Pro alike): 256 MB. */
export const MAX_SAMPLE_BYTES = 256 * 1024 * 1024;

/** The file of an input item, as an upload reads it: where it is and the name Falcon records. */
export interface BinaryFileInput {
	binaryPropertyName: string;
	fileName: string;
}

export interface FileContent {
	data: Buffer;
	fileName: string;
}

export function binaryFieldProperty(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to scan',
		description: 'The binary property of the input item that holds the file (at most 256 MB)',
		displayOptions,
	};
}

/** The File Name option of an upload. */
export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	description: "The name Falcon records for the file. Defaults to the binary file's own name.",
};

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLarge(ctx: IExecuteFunctions, index: number, field: string, bytes: number): never {
	return invalidField(
		ctx.getNode(),
		index,
		field,
		`the file is ${bytes} bytes (${megabytes(bytes)}); CrowdStrike accepts samples of at most ${MAX_SAMPLE_BYTES} bytes (256 MB), so it was not uploaded`,
	);
}

/** The size a binary property declares, without reading it. */
async function declaredSize(ctx: IExecuteFunctions, index: number, property: string): Promise<number | undefined> {
	const binary = ctx.helpers.assertBinaryData(index, property);
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (typeof binary.data === 'string') {
		const padding = binary.data.endsWith('==') ? 2 : binary.data.endsWith('=') ? 1 : 0;
		return Math.floor((binary.data.length * 3) / 4) - padding;
	}
	return undefined;
}

/**
 * The file of an item, checked before anything is sent: the binary property exists and is at most
 * 256 MB (a larger file is refused without being read), the file name (option `fileName`) is valid.
 */
export async function readBinaryFileInput(ctx: IExecuteFunctions, index: number, options: IDataObject): Promise<BinaryFileInput> {
	const node = ctx.getNode();
	const binaryPropertyName = validateField(node, text(200).refine((v) => v.trim() !== '', 'name a binary field'), ctx.getNodeParameter('binaryPropertyName', index), index, 'Input Binary Field').trim();
	const present = Object.keys(ctx.getInputData()[index]?.binary ?? {});
	if (!present.includes(binaryPropertyName)) {
		const has = present.length > 0 ? `it has ${present.map((name) => `"${name}"`).join(', ')}` : 'it carries no file';
		invalidField(node, index, 'Input Binary Field', `the item has no binary field "${binaryPropertyName}" (${has})`);
	}
	const size = await declaredSize(ctx, index, binaryPropertyName);
	if (size !== undefined && size > MAX_SAMPLE_BYTES) tooLarge(ctx, index, 'Input Binary Field', size);
	if (size === 0) invalidField(node, index, 'Input Binary Field', 'the file is empty');
	const binary = ctx.helpers.assertBinaryData(index, binaryPropertyName);
	const fileName = String(options.fileName ?? '').trim() || binary.fileName || 'sample';
	return { binaryPropertyName, fileName: validateField(node, text(255), fileName, index, 'File Name') };
}

/** The file's content, checked against the 256 MB limit once more now that its real size is known. */
export async function readFileContent(ctx: IExecuteFunctions, index: number, input: BinaryFileInput): Promise<FileContent> {
	const data = await ctx.helpers.getBinaryDataBuffer(index, input.binaryPropertyName);
	if (data.length > MAX_SAMPLE_BYTES) tooLarge(ctx, index, 'Input Binary Field', data.length);
	return { data, fileName: input.fileName };
}

/**
 * The file's SHA256, checked against the one the upload was answered with: Falcon names a file by
 * its SHA256, and a different one means the bytes that arrived are not the file's.
 */
export function uploadedSha256(ctx: IExecuteFunctions, file: FileContent, answered: unknown, traceId: string | undefined): string {
	const sha256 = createHash('sha256').update(file.data).digest('hex');
	if (String(answered ?? '').toLowerCase() !== sha256) {
		throw apiError(ctx.getNode(), {
			message: `CrowdStrike answered the upload of "${file.fileName}" with SHA256 ${String(answered ?? 'none')}, but the file's SHA256 is ${sha256}`,
			vendor: 'CrowdStrike',
			traceId,
		});
	}
	return sha256;
}
