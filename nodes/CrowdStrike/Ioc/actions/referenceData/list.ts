import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { collectByOffset, falconClient } from '../../../transport';

export const REFERENCE_PATHS = {
	getIocTypes: '/iocs/queries/ioc-types/v1',
	getPlatforms: '/iocs/queries/platforms/v1',
	getSeverities: '/iocs/queries/severities/v1',
} as const;

/** Every value of a reference list (IOC types, platforms, severities), one item each. */
export function listReference(path: string) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const client = falconClient(this);
		return await runPerItem(this, items, {
			concurrency: 1,
			parse: () => ({ returnAll: true, limit: 0 }),
			run: async (wanted) => {
				const { resources } = await collectByOffset<string>(client, { method: 'GET', path }, wanted, 100);
				return results(resources.map((value) => ({ value })));
			},
		});
	};
}
