import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, validateField } from '../../../common/validation';
import { text } from '../../../common/values';
import { apiError } from '../../../common/transport';
import { uploadSample as uploadSampleForm } from '../../api/sample-uploads';
import type { FalconClient } from '../../transport';

/** CrowdStrike's limit on one sample: 256 MB. */
export const MAX_SAMPLE_BYTES = 256 * 1024 * 1024;

/** The password of the archives Falcon hands out for `password_protected` downloads. */
export const SAMPLE_ZIP_PASSWORD = 'infected';

export interface SampleFile {
	data: Buffer;
	fileName: string;
}

export interface SampleUpload {
	binaryPropertyName: string;
	fileName: string;
	comment: string;
	isConfidential: boolean;
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

/** Upload settings shared by Sample → Upload and File → Scan. */
export function uploadOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			default: '',
			description: 'A comment stored with the sample',
		},
		{
			displayName: 'Confidential',
			name: 'isConfidential',
			type: 'boolean',
			default: true,
			description: 'Whether the sample is visible only to your customer account (CrowdStrike\'s default) rather than shared',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: 'The name Falcon records for the sample. Defaults to the binary file\'s own name.',
		},
	];
}

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
 * The upload settings of an item, checked before anything is sent: the binary property exists and
 * is at most 256 MB (a larger file is refused without being read), the file name and comment are valid.
 */
export async function readSampleUpload(ctx: IExecuteFunctions, index: number, options: IDataObject): Promise<SampleUpload> {
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
	return {
		binaryPropertyName,
		fileName: validateField(node, text(255), fileName, index, 'File Name'),
		comment: validateField(node, text(1024), options.comment ?? '', index, 'Comment'),
		isConfidential: options.isConfidential !== false,
	};
}

/** The file's content, checked against the 256 MB limit once more now that its real size is known. */
export async function readSampleFile(ctx: IExecuteFunctions, index: number, upload: SampleUpload): Promise<SampleFile> {
	const data = await ctx.helpers.getBinaryDataBuffer(index, upload.binaryPropertyName);
	if (data.length > MAX_SAMPLE_BYTES) tooLarge(ctx, index, 'Input Binary Field', data.length);
	return { data, fileName: upload.fileName };
}

/**
 * UploadSampleV3: multipart/form-data with the file as `sample` and its name as `file_name`. The
 * same content always gets the same SHA256, so sending it again after a failure is harmless.
 */
export async function uploadSample(client: FalconClient, ctx: IExecuteFunctions, file: SampleFile, upload: SampleUpload): Promise<IDataObject> {
	const form = new FormData();
	form.append('sample', new Blob([file.data]), file.fileName);
	form.append('file_name', file.fileName);
	if (upload.comment) form.append('comment', upload.comment);
	form.append('is_confidential', String(upload.isConfidential));
	const answer = await uploadSampleForm(client, form);
	const record = (answer.resources ?? [])[0];
	const sha256 = createHash('sha256').update(file.data).digest('hex');
	if (!record || String(record.sha256 ?? '').toLowerCase() !== sha256) {
		throw apiError(ctx.getNode(), {
			message: `CrowdStrike answered the upload of "${file.fileName}" with SHA256 ${String(record?.sha256 ?? 'none')}, but the file's SHA256 is ${sha256}`,
			vendor: 'CrowdStrike',
			traceId: answer.meta.trace_id,
		});
	}
	return { ...record, sha256 };
}
