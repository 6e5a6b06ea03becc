import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, shapeOutcomes } from '../../../../common/items';
import { idsProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { scanIdSchema } from '../schemas';
import { call } from '../../../api';
import { quickScan } from '../../../api/quick-scan';
import { SCAN_IDS_PER_REQUEST, quotaOf } from '../scans';

const show = { resource: ['scan'], operation: ['get'] };

export const description: INodeProperties[] = [idsProperty({ show }, 'Scan')];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => ({ ids: readIds(this, index, scanIdSchema, 'Scan IDs') }),
		batchSize: SCAN_IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			let quota: IDataObject | undefined;
			const found = await lookUpIds(
				node,
				batch,
				SCAN_IDS_PER_REQUEST,
				async (ids) => {
					const page = await call(client, quickScan.getScans, { query: { ids: ids.join(',') } }, { acceptStatus: [404] });
					quota = quotaOf(page.meta) ?? quota;
					return page;
				},
				'Scan',
			);
			return shapeOutcomes(found, batch, (json) => (quota ? { ...json, quota } : json));
		},
	});
}
