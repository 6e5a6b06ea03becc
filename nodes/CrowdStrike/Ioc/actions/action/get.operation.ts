import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { runBatched } from '../../../../common/items';
import { idsProperty } from '../../../shared/descriptions';
import { lookUpIds } from '../../../shared/id-batches';
import { readIds } from '../../../shared/ids-input';
import { falconClient } from '../../../transport';
import { getActions } from '../../../api/ioc';

const show = { resource: ['action'], operation: ['get'] };

export const description: INodeProperties[] = [idsProperty({ show }, 'Action')];

const actionIdSchema = z.string().trim().regex(/^[\w-]{1,100}$/, 'an action ID is a name such as detect or prevent');

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => ({ ids: readIds(this, index, actionIdSchema, 'Action IDs') }),
		batchSize: 100,
		concurrency: 1,
		run: async (batch) =>
			await lookUpIds(node, batch, 100, async (ids) => await getActions(client, ids), 'Action'),
	});
}
