import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../common/items';
import { falconClient } from '../../../transport';
import { binaryFieldProperty, readSampleFile, readSampleUpload, uploadOptions, uploadSample } from '../samples';

const show = { resource: ['sample'], operation: ['upload'] };

export const description: INodeProperties[] = [
	{ ...binaryFieldProperty({ show }), hint: 'The name of the input binary field containing the file to upload' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: uploadOptions(),
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: async (index) => await readSampleUpload(this, index, this.getNodeParameter('options', index, {}) as IDataObject),
		run: async (upload, index) => {
			const file = await readSampleFile(this, index, upload);
			const record = await uploadSample(client, this, file, upload);
			return { json: { ...record, size: file.data.length, isConfidential: upload.isConfidential } };
		},
	});
}
