import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../common/items';
import { invalidField } from '../../../../common/validation';
import { filterProperty } from '../../../shared/descriptions';
import { readFilter } from '../../../shared/query-input';
import { falconClient } from '../../../transport';
import { ACTIONS, QUARANTINE_FQL_FIELDS, actionCounts } from './fields';

const show = { resource: ['quarantinedFile'], operation: ['countAffected'] };

export const description: INodeProperties[] = [
	{ ...filterProperty({ show }, QUARANTINE_FQL_FIELDS, true), placeholder: "sha256:'275a02…'" },
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const filter = readFilter(this, index);
			if (!filter) invalidField(node, index, 'Filter', 'a filter is required');
			return filter;
		},
		run: async (filter) => {
			const { counts } = await actionCounts(client, filter);
			// An action the answer gave no count for reads null: unknown, not zero.
			return { json: { filter, ...Object.fromEntries(ACTIONS.map((action) => [action, counts[action] ?? null])) } };
		},
	});
}
