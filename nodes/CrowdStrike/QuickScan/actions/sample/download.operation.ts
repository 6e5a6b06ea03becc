import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { declaredLength, isByteStream, readCapped, sizeText } from '../../../../common/byte-stream';
import { runPerItem } from '../../../../common/items';
import { apiError } from '../../../../common/transport';
import { validateField } from '../../../../common/validation';
import { text } from '../../../../common/values';
import { falconClient } from '../../../transport';
import { downloadSample } from '../../../api/sample-uploads';
import { SAMPLE_ZIP_PASSWORD } from '../samples';
import { sha256Schema } from '../../../shared/schemas';

const show = { resource: ['sample'], operation: ['download'] };

/** The largest sample Sample Uploads accepts (256 MB): the default cap of a download. */
export const DEFAULT_MAX_SIZE_MB = 256;

const MB = 1024 * 1024;

const maxSizeSchema = z.coerce.number().finite('must be a number').min(1, 'must be at least 1').max(4096, 'must be at most 4096');

export const description: INodeProperties[] = [
	{
		displayName: 'Sample SHA256',
		name: 'sha256',
		type: 'string',
		default: '',
		required: true,
		description: 'The SHA256 of the uploaded sample',
		displayOptions: { show },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show },
	},
	{
		displayName: 'Password-Protected ZIP',
		name: 'passwordProtected',
		type: 'boolean',
		default: true,
		description: 'Whether to download the sample inside a ZIP protected with the password "infected", as CrowdStrike packs it, so antivirus software on the way leaves it alone',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'The name of the output file. Defaults to the SHA256 (with .zip for a password-protected ZIP).',
			},
			{
				displayName: 'Max Size (MB)',
				name: 'maxSizeMb',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 4096 },
				default: DEFAULT_MAX_SIZE_MB,
				description: 'A larger sample fails its item and its download stops there (the default is the upload limit of Sample Uploads)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const sha256 = validateField(node, sha256Schema, this.getNodeParameter('sha256', index), index, 'Sample SHA256');
			const passwordProtected = this.getNodeParameter('passwordProtected', index, true) as boolean;
			const options = this.getNodeParameter('options', index, {}) as { fileName?: string; maxSizeMb?: number };
			const fileName = validateField(node, text(255), options.fileName ?? '', index, 'File Name').trim();
			return {
				sha256,
				maxBytes: Math.floor(validateField(node, maxSizeSchema, options.maxSizeMb ?? DEFAULT_MAX_SIZE_MB, index, 'Max Size (MB)') * MB),
				passwordProtected,
				fileName: fileName || (passwordProtected ? `${sha256}.zip` : sha256),
				binaryPropertyName: validateField(node, text(200), this.getNodeParameter('binaryPropertyName', index), index, 'Put Output File in Field').trim() || 'data',
			};
		},
		run: async (input) => {
			const response = await downloadSample(client, input.sha256, input.passwordProtected);
			if (!isByteStream(response.body)) throw apiError(node, { message: `CrowdStrike answered no file for the sample ${input.sha256}`, vendor: 'CrowdStrike' });
			const read = await readCapped(response.body, input.maxBytes, { declared: declaredLength(response.headers), idleMs: client.policy.timeoutMs });
			if ('tooLarge' in read) {
				const cap = `Max Size (MB) of ${input.maxBytes / MB} MB`;
				const message = read.declared
					? `The sample ${input.sha256} is ${sizeText(read.bytes)}, more than ${cap}`
					: `The sample ${input.sha256} is more than ${cap}: the download stopped at ${sizeText(read.bytes)}`;
				throw new NodeOperationError(node, message, {
					description: 'Nothing was kept of it. Raise Max Size (MB) under Options to download it.',
				});
			}
			if ('cut' in read) {
				throw apiError(node, { message: `The download of the sample ${input.sha256} was cut after ${sizeText(read.bytes)}: ${read.cut.message}`, vendor: 'CrowdStrike' });
			}
			const content = read.data;
			const mimeType = input.passwordProtected ? 'application/zip' : 'application/octet-stream';
			const binary = await this.helpers.prepareBinaryData(content, input.fileName, mimeType);
			return {
				json: {
					sha256: input.sha256,
					fileName: input.fileName,
					size: content.length,
					passwordProtected: input.passwordProtected,
					...(input.passwordProtected ? { zipPassword: SAMPLE_ZIP_PASSWORD } : {}),
				},
				binary: { [input.binaryPropertyName]: binary },
			};
		},
	});
}
