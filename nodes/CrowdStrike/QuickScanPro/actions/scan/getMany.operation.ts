import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { readWanted } from '../../../../common/return-all';
import { requestFor } from '../../../api';
import { QUICK_SCAN_PRO_PAGE_SIZE, getScanResults, quickScanPro } from '../../../api/quick-scan-pro';
import { filterProperty, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { readFilter } from '../../../shared/query-input';
import { collectByOffset, falconClient } from '../../../transport';
import { simplifyScanResult } from '../scan-results';

const show = { resource: ['scan'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{
		...filterProperty(
			{ show },
			'sha256, id, status, verdict, verdict_reason, file_type_short, file_size, created_timestamp, updated_timestamp, artifacts.file_artifacts.sha256, artifacts.file_artifacts.filename, and _all (match with ~)',
		),
		placeholder: "verdict:'malicious'+created_timestamp:>'2025-01-01'",
	},
	simplifyProperty({ show }),
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
				description: 'Whether to return only the scan IDs instead of the scans with their results',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
				description: 'The order of the scans, by the time they were launched (the only field the API sorts by)',
			},
		],
	},
];

/** QueryScanResults (an empty filter matches every scan), then GetScanResult for the IDs found, in requests of up to 100. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			return {
				wanted: readWanted(this, index),
				filter: readFilter(this, index),
				sort: options.sort === 'asc' ? 'asc' : 'desc',
				idsOnly: options.idsOnly === true,
				simplify: this.getNodeParameter('simplify', index, true) !== false,
			};
		},
		run: async (input) => {
			const request = requestFor(quickScanPro.queryScanResults, { query: { filter: input.filter, sort: input.sort } });
			const { resources: ids } = await collectByOffset<string>(client, request, input.wanted, QUICK_SCAN_PRO_PAGE_SIZE);
			if (input.idsOnly) return results(ids.map((id) => ({ id })));
			const byId = new Map((await getScanResults(client, ids)).resources?.map((scan) => [String(scan.id).toLowerCase(), scan]) ?? []);
			return results(ids.flatMap((id) => {
				const scan = byId.get(id.toLowerCase());
				if (!scan) return [];
				return [input.simplify ? simplifyScanResult(scan) : scan];
			}));
		},
	});
}
