import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { filterProperty, returnAllOrLimit } from '../../../shared/descriptions';
import { collectByOffset, falconClient } from '../../../transport';
import { QUARANTINE_FQL_FIELDS, fetchAllFiles, readSearch, searchProperty } from './fields';
import { quarantine } from '../../../api/quarantine';
import { requestFor } from '../../../api';
import { readWanted } from '../../../../common/return-all';
import { readFilter, readSort } from '../../../shared/query-input';

const show = { resource: ['quarantinedFile'], operation: ['getMany'] };

/** The API's largest page for quarantine queries. */
const PAGE_SIZE = 5000;

export const description: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{ ...filterProperty({ show }, QUARANTINE_FQL_FIELDS), placeholder: "state:'quarantined'+hostname:'WS-NYC-0042'" },
	searchProperty({ show }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'date_created|desc',
				description: 'A field and a direction. Fields: hostname, username, date_updated, date_created, paths.path, state, paths.state.',
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
				q: readSearch(this, index),
				sort: readSort(this, index, options),
			};
		},
		run: async ({ wanted, filter, q, sort }) => {
			const { resources: ids } = await collectByOffset<string>(client, requestFor(quarantine.queryFiles, { query: { filter, q, sort } }), wanted, PAGE_SIZE);
			const byId = new Map((await fetchAllFiles(client, ids)).map((record) => [String(record.id).toLowerCase(), record]));
			return results(ids.flatMap((id) => {
				const record = byId.get(id.toLowerCase());
				return record ? [record] : [];
			}));
		},
	});
}
