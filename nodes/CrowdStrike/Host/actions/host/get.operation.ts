import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../../../../common/items';
import { DEVICE_DETAILS_IDS_PER_REQUEST } from '../../../api/hosts';
import { simplifyProperty } from '../../../shared/descriptions';
import { falconClient } from '../../../transport';
import { hostInputProperties, outcomesFrom, readHostTargets, resolveHosts, type HostTargets } from '../hostInput';
import { inOrder, simplifyHost } from '../hostRecords';

const show = { resource: ['host'], operation: ['get'] };

export const description: INodeProperties[] = [...hostInputProperties({ show }, 'get'), simplifyProperty({ show })];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched<HostTargets & { simplify: boolean }>(this, items, {
		parse: (index) => ({ ...readHostTargets(this, index), simplify: this.getNodeParameter('simplify', index, true) as boolean }),
		// The hosts of many items are read together: 5000 per PostDeviceDetailsV2 request.
		batchSize: DEVICE_DETAILS_IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const resolved = await resolveHosts(client, node, batch);
			const simplify = new Map(batch.map(({ index, input }) => [index, input.simplify]));
			return outcomesFrom(batch, resolved, (ids, index) =>
				inOrder(ids, resolved.records).map((record) => ({ json: simplify.get(index) ? simplifyHost(record) : record })),
			);
		},
	});
}
