import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateField } from '../../../common/validation';
import { text } from '../../../common/values';
import { uploadSample as uploadSampleForm } from '../../api/sample-uploads';
import { fileNameOption, readBinaryFileInput, uploadedSha256, type BinaryFileInput, type FileContent } from '../../shared/file-input';
import type { FalconClient } from '../../transport';

export { binaryFieldProperty, readFileContent as readSampleFile } from '../../shared/file-input';

/** The password of the archives Falcon hands out for `password_protected` downloads. */
export const SAMPLE_ZIP_PASSWORD = 'infected';

export interface SampleUpload extends BinaryFileInput {
	comment: string;
	isConfidential: boolean;
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
		{ ...fileNameOption, description: 'The name Falcon records for the sample. Defaults to the binary file\'s own name.' },
	];
}

/** The upload settings of an item, checked before anything is sent (the file itself, its name and the comment). */
export async function readSampleUpload(ctx: IExecuteFunctions, index: number, options: IDataObject): Promise<SampleUpload> {
	const file = await readBinaryFileInput(ctx, index, options);
	return {
		...file,
		comment: validateField(ctx.getNode(), text(1024), options.comment ?? '', index, 'Comment'),
		isConfidential: options.isConfidential !== false,
	};
}

/**
 * UploadSampleV3: multipart/form-data with the file as `sample` and its name as `file_name`. The
 * same content always gets the same SHA256, so sending it again after a failure is harmless.
 */
export async function uploadSample(client: FalconClient, ctx: IExecuteFunctions, file: FileContent, upload: SampleUpload): Promise<IDataObject> {
	const form = new FormData();
	form.append('sample', new Blob([file.data]), file.fileName);
	form.append('file_name', file.fileName);
	if (upload.comment) form.append('comment', upload.comment);
	form.append('is_confidential', String(upload.isConfidential));
	const answer = await uploadSampleForm(client, form);
	const record = (answer.resources ?? [])[0];
	const sha256 = uploadedSha256(ctx, file, record?.sha256, answer.meta.trace_id);
	return { ...record, sha256 };
}
