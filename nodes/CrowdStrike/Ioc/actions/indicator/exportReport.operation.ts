import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { indicatorsReport } from '../../../api/ioc';
import { z } from 'zod';

import { results, runPerItem } from '../../../../common/items';
import { validateField } from '../../../../common/validation';
import { filterProperty } from '../../../shared/descriptions';
import { text } from '../../../../common/values';
import { falconClient } from '../../../transport';
import { INDICATOR_FQL_FIELDS } from '../../../shared/indicator-fields';
import { readFilter } from '../../../shared/query-input';

const show = { resource: ['indicator'], operation: ['exportReport'] };

const reportFormatSchema = z.enum(['csv', 'json'], { errorMap: () => ({ message: 'must be csv or json' }) });

export const description: INodeProperties[] = [
	{
		displayName: 'Report Format',
		name: 'reportFormat',
		type: 'options',
		options: [
			{ name: 'CSV', value: 'csv' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'csv',
		displayOptions: { show },
	},
	filterProperty({ show }, INDICATOR_FQL_FIELDS),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'From Parent', name: 'fromParent', type: 'boolean', default: false },
			{ displayName: 'Query', name: 'query', type: 'string', default: '', description: 'A free-text search across indicator fields' },
			{ displayName: 'Sort', name: 'sort', type: 'string', default: '', placeholder: 'created_on.desc' },
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const options = this.getNodeParameter('options', index, {}) as { fromParent?: boolean; query?: string; sort?: string };
			return {
				report_format: validateField(node, reportFormatSchema, this.getNodeParameter('reportFormat', index), index, 'Report Format'),
				search: {
					filter: readFilter(this, index),
					query: validateField(node, text(1000), options.query ?? '', index, 'Query'),
					sort: validateField(node, text(200), options.sort ?? '', index, 'Sort'),
				},
				from_parent: options.fromParent === true,
			};
		},
		run: async (body) => {
			const answer = await indicatorsReport(client, body);
			return results((answer.resources ?? []).map((resource) => (typeof resource === 'object' ? resource : { id: resource })));
		},
	});
}
