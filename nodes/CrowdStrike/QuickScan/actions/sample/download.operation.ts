import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../common/items';
import { validateField } from '../../../../common/validation';
import { text } from '../../../../common/values';
import { falconClient } from '../../../transport';
import { downloadSample } from '../../../api/sample-uploads';
import { SAMPLE_ZIP_PASSWORD } from '../samples';
import { sha256Schema } from '../../../shared/schemas';

const show = { resource: ['sample'], operation: ['download'] };

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
			const options = this.getNodeParameter('options', index, {}) as { fileName?: string };
			const fileName = validateField(node, text(255), options.fileName ?? '', index, 'File Name').trim();
			return {
				sha256,
				passwordProtected,
				fileName: fileName || (passwordProtected ? `${sha256}.zip` : sha256),
				binaryPropertyName: validateField(node, text(200), this.getNodeParameter('binaryPropertyName', index), index, 'Put Output File in Field').trim() || 'data',
			};
		},
		run: async (input) => {
			const response = await downloadSample(client, input.sha256, input.passwordProtected);
			const content = response.body as Buffer;
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
