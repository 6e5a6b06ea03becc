import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { aggregateAlerts } from '../../../api/alerts';
import { aggregateProperties, readAggregateQuery } from '../../../shared/aggregate';
import { falconClient } from '../../../transport';
import { includeHiddenOption } from './fields';

const show = { resource: ['alert'], operation: ['getAggregates'] };

export const description: INodeProperties[] = [
	...aggregateProperties({ show }, 'severity_name, status, tactic, technique, device.hostname, sha256, created_timestamp'),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions: { show }, options: [includeHiddenOption()] },
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => ({ queries: readAggregateQuery(this, index), includeHidden: (this.getNodeParameter('options', index, {}) as IDataObject).includeHidden !== false }),
		// The body is a list of detectsapi.AggregateAlertQueryRequest: an item's queries go in one request.
		run: async ({ queries, includeHidden }) => results((await aggregateAlerts(client, queries, includeHidden)).resources ?? []),
	});
}
