import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../../../common/concurrency';
import { results, runPerItem } from '../../../../common/items';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collectByOffset, falconClient, type FalconClient } from '../../../transport';
import { readWanted } from '../../../../common/return-all';

const show = { resource: ['action'], operation: ['getMany'] };

export const description: INodeProperties[] = [...returnAllOrLimit({ show })];

export const ACTIONS_PATH = '/iocs/entities/actions/v1';

export async function actionRecords(client: FalconClient, ids: string[]): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (const part of chunk(ids, 100)) {
		records.push(...((await client.request({ method: 'GET', path: ACTIONS_PATH, qs: { ids: part } })).resources ?? []));
	}
	return records;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: 1,
		parse: (index) => {
			return readWanted(this, index);
		},
		run: async (wanted) => {
			const { resources: ids } = await collectByOffset<string>(client, { method: 'GET', path: '/iocs/queries/actions/v1' }, wanted, 100);
			return results(await actionRecords(client, ids));
		},
	});
}
