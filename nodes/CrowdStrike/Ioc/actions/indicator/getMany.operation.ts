import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem, type ItemResult } from '../../../../common/items';
import { filterProperty, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { requestFor } from '../../../api';
import { ioc } from '../../../api/ioc';
import { collectByCursor, falconClient } from '../../../transport';
import { simplifyIndicator } from './simplify';
import { readWanted } from '../../../../common/return-all';
import { readFilter, readSort } from '../../../shared/query-input';

const show = { resource: ['indicator'], operation: ['getMany'] };

/** The API's largest page for indicator queries. */
const PAGE_SIZE = 2000;

import { INDICATOR_FQL_FIELDS } from '../../../shared/indicator-fields';

export const description: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	filterProperty({ show }, INDICATOR_FQL_FIELDS),
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
				displayName: 'From Parent',
				name: 'fromParent',
				type: 'boolean',
				default: false,
				description: "Whether to return the MSSP parent's indicators instead of this CID's",
			},
			{
				displayName: 'IDs Only',
				name: 'idsOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only indicator IDs (the search endpoint) instead of full records',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'modified_on.desc',
				description:
					'A field and a direction, e.g. created_on.asc. Fields: action, applied_globally, metadata.av_hits, created_by, created_on, expiration, expired, metadata.filename.raw, modified_by, modified_on, severity_number, source, type, value.',
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
				fromParent: options.fromParent === true,
				idsOnly: options.idsOnly === true,
				simplify: this.getNodeParameter('simplify', index, true) as boolean,
			};
		},
		run: async (input) => {
			const query = { filter: input.filter, sort: input.sort, ...(input.fromParent ? { from_parent: true } : {}) };
			const request = requestFor(input.idsOnly ? ioc.indicatorSearch : ioc.indicatorCombined, { query });
			const toItem = (resource: IDataObject | string): ItemResult => {
				if (typeof resource === 'string') return { json: { id: resource } };
				return { json: input.simplify ? simplifyIndicator(resource) : resource };
			};
			const mapPage = (resources: Array<IDataObject | string>) => resources.map(toItem);
			return (await collectByCursor(client, request, input.wanted, PAGE_SIZE, { mapPage })).resources;
		},
	});
}
