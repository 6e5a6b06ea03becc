import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { aggregateQuarantinedFiles } from '../../../api/quarantine';
import { aggregateEach, aggregateProperties, readAggregateQuery } from '../../../shared/aggregate';
import { falconClient } from '../../../transport';

const show = { resource: ['quarantinedFile'], operation: ['getAggregates'] };

export const description: INodeProperties[] = [...aggregateProperties({ show }, 'state, hostname, username, sha256, date_created')];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => readAggregateQuery(this, index),
		run: async (body) => {
			return results(await aggregateEach(body, async (query) => await aggregateQuarantinedFiles(client, query)));
		},
	});
}
