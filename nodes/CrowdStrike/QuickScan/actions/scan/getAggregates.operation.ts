import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { aggregateProperties } from '../../../shared/aggregate';
import { falconClient } from '../../../transport';
import { readAggregateQuery } from '../../../shared/aggregate';

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
			const answer = await client.request({ method: 'POST', path: '/scanner/aggregates/scans/GET/v1', body, idempotent: true });
			return results(answer.resources ?? []);
		},
	});
}
