import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, shapeOutcomes } from '../../../../common/items';
import { idsProperty, simplifyProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { indicatorIdSchema } from '../../../shared/schemas';
import { falconClient } from '../../../transport';
import { getIndicators } from '../../../api/ioc';
import { simplifyIndicator } from './simplify';

const show = { resource: ['indicator'], operation: ['get'] };

export const description: INodeProperties[] = [idsProperty({ show }, 'Indicator'), simplifyProperty({ show })];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => ({
			ids: readIds(this, index, indicatorIdSchema, 'Indicator IDs'),
			simplify: this.getNodeParameter('simplify', index, true) as boolean,
		}),
		batchSize: 100,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const found = await lookUpIds(node, batch, 100, async (ids) =>
				await getIndicators(client, ids), 'Indicator');
			return shapeOutcomes(found, batch, (json, input) => (input.simplify ? simplifyIndicator(json) : json));
		},
	});
}
