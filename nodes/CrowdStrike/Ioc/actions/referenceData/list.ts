import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { requestFor } from '../../../api';
import { REFERENCE_LISTS } from '../../../api/ioc';
import { collectByOffset, falconClient } from '../../../transport';

/** Every value of a reference list (IOC types, platforms, severities), one item each. */
export function listReference(list: keyof typeof REFERENCE_LISTS) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const client = falconClient(this);
		return await runPerItem(this, items, {
			concurrency: 1,
			parse: () => ({ returnAll: true, limit: 0 }),
			run: async (wanted) => {
				const { resources } = await collectByOffset<string>(client, requestFor(REFERENCE_LISTS[list]), wanted, 100);
				return results(resources.map((value) => ({ value })));
			},
		});
	};
}
