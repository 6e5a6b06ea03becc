import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../common/items';
import { idsProperty } from '../../../shared/descriptions';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { deleteSample } from '../../../api/sample-uploads';
import { sha256Schema } from '../../../shared/schemas';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['sample'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'Sample', 'samples'),
		displayName: 'Sample SHA256s',
		description: `SHA256s of the samples to delete, ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array`,
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => readIds(this, index, sha256Schema, 'Sample SHA256s', 'samples'),
		run: async (samples) => {
			const deleted = [];
			// DeleteSampleV3 takes one sample per request.
			for (const sha256 of samples) {
				await deleteSample(client, sha256);
				deleted.push({ json: { sha256, deleted: true } });
			}
			return deleted;
		},
	});
}
