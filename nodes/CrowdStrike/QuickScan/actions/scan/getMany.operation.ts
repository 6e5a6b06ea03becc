import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { filterProperty, returnAllOrLimit } from '../../../shared/descriptions';
import { collectByOffset, falconClient } from '../../../transport';
import { requestFor } from '../../../api';
import { quickScan } from '../../../api/quick-scan';
import { getScans, quotaOf } from '../scans';
import { readWanted } from '../../../../common/return-all';
import { readFilter, readSort } from '../../../shared/query-input';

const show = { resource: ['scan'], operation: ['getMany'] };

/** The API's largest page for scan queries. */
const PAGE_SIZE = 5000;

export const description: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{
		...filterProperty({ show }, 'status, created_timestamp, samples.sha256, samples.verdict, created_by'),
		placeholder: "status:'done'+created_timestamp:>'2025-01-01'",
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
				displayName: 'IDs Only',
				name: 'idsOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only the scan IDs instead of the scans with their verdicts',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'desc',
				description: 'Asc or desc (by submission time), or a field and a direction such as created_timestamp|asc',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			return {
				wanted: readWanted(this, index),
				filter: readFilter(this, index),
				sort: readSort(this, index, options),
				idsOnly: options.idsOnly === true,
			};
		},
		run: async (input) => {
			const request = requestFor(quickScan.querySubmissions, { query: { filter: input.filter, sort: input.sort } });
			const { resources: ids, meta } = await collectByOffset<string>(client, request, input.wanted, PAGE_SIZE);
			if (input.idsOnly) {
				const quota = quotaOf(meta);
				return results(ids.map((id) => ({ id, ...(quota ? { quota } : {}) })));
			}
			const { scans, quota } = await getScans(client, ids);
			const byId = new Map(scans.map((scan) => [String(scan.id), scan]));
			return results(ids.flatMap((id) => (byId.has(id) ? [{ ...byId.get(id), ...(quota ? { quota } : {}) }] : [])));
		},
	});
}
