import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { aggregateScans } from '../../../api/quick-scan';
import { aggregateEach, aggregateProperties, readAggregateQuery } from '../../../shared/aggregate';
import { falconClient } from '../../../transport';

const show = { resource: ['scan'], operation: ['getAggregates'] };

export const description: INodeProperties[] = [
	...aggregateProperties({ show }, 'status, created_timestamp, samples.verdict, samples.sha256'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => readAggregateQuery(this, index),
		run: async (body) => {
			return results(await aggregateEach(body, async (query) => await aggregateScans(client, query)));
		},
	});
}
