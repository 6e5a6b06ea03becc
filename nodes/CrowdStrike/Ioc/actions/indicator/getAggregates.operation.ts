import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { aggregateIndicators } from '../../../api/ioc';
import { aggregateEach, aggregateProperties, readAggregateQuery } from '../../../shared/aggregate';
import { filterProperty } from '../../../shared/descriptions';
import { falconClient } from '../../../transport';
import { INDICATOR_FQL_FIELDS } from '../../../shared/indicator-fields';
import { readFilter } from '../../../shared/query-input';

const show = { resource: ['indicator'], operation: ['getAggregates'] };

export const description: INodeProperties[] = [
	...aggregateProperties({ show }, 'type, action, severity, source, tags, created_on'),
	filterProperty({ show }, INDICATOR_FQL_FIELDS),
	{
		displayName: 'From Parent',
		name: 'fromParent',
		type: 'boolean',
		default: false,
		description: "Whether to aggregate the MSSP parent's indicators",
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => ({
			body: readAggregateQuery(this, index),
			filter: readFilter(this, index),
			fromParent: this.getNodeParameter('fromParent', index, false) as boolean,
		}),
		run: async ({ body, filter, fromParent }) => {
			const query = { filter, ...(fromParent ? { from_parent: true } : {}) };
			return results(await aggregateEach(body, async (one) => await aggregateIndicators(client, one, query)));
		},
	});
}
