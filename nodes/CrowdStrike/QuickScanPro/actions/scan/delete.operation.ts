import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../../../../common/items';
import { QUICK_SCAN_PRO_IDS_PER_REQUEST, deleteScanResults } from '../../../api/quick-scan-pro';
import { idsProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { scanIdSchema } from '../fields';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['scan'], operation: ['delete'] };

export const description: INodeProperties[] = [{ ...idsProperty({ show }, 'Scan'), description: `IDs of the scans whose results to delete, ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array` }];

/** DeleteScanResult, the scan IDs of all items in requests of up to 100; an ID CrowdStrike did not delete fails its item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => ({ ids: readIds(this, index, scanIdSchema, 'Scan IDs') }),
		batchSize: QUICK_SCAN_PRO_IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const deleted = async (ids: string[]) => {
				const answer = await deleteScanResults(client, ids);
				return { ...answer, resources: (answer.resources ?? []).map((id) => ({ id, deleted: true })) };
			};
			return await lookUpIds(node, batch, QUICK_SCAN_PRO_IDS_PER_REQUEST, deleted, 'Scan');
		},
	});
}
