import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../../../../common/items';
import { idsProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { IDS_PER_REQUEST, fetchFiles, quarantineIdSchema } from './fields';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['quarantinedFile'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'Quarantine'),
		placeholder: '<device id>_<sha256>, …',
		description: `Quarantine IDs (<32 hex device ID>_<64 hex SHA256>), ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array`,
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => ({ ids: readIds(this, index, quarantineIdSchema, 'Quarantine IDs') }),
		batchSize: IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => await lookUpIds(node, batch, IDS_PER_REQUEST, async (ids) => await fetchFiles(client, ids), 'Quarantined file'),
	});
}
