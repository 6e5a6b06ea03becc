import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { readWanted } from '../../../../common/return-all';
import { requestFor } from '../../../api';
import { getAllActions, ioc } from '../../../api/ioc';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collectByOffset, falconClient } from '../../../transport';

const show = { resource: ['action'], operation: ['getMany'] };

export const description: INodeProperties[] = [...returnAllOrLimit({ show })];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: 1,
		parse: (index) => readWanted(this, index),
		run: async (wanted) => {
			const { resources: ids } = await collectByOffset<string>(client, requestFor(ioc.actionQuery), wanted, 100);
			return results(await getAllActions(client, ids));
		},
	});
}
