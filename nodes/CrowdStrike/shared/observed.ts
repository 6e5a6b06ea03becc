import type { IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { results, runBatched, runPerItem } from '../../common/items';
import type { OperationExecute } from '../../common/router';
import { validateField } from '../../common/validation';
import { call, requestFor, type ApiOperation } from '../api';
import { getProcesses } from '../api/iocs';
import { collectByNextOffset, falconClient } from '../transport';
import { idsProperty, iocTypeOptions, returnAllOrLimit } from './descriptions';
import { lookUpIds } from './id-batches';
import { readIds } from './ids-input';
import { iocReader } from './ioc-input';
import { deviceIdSchema } from './schemas';
import { readWanted } from '../../common/return-all';

/**
 * Where an indicator was seen: device counts, devices, processes. IOC Management and the legacy
 * IOCs API serve the same answers on different paths, so both nodes build these operations here.
 */
export interface Operation {
	description: INodeProperties[];
	execute: OperationExecute;
}

/** Devices and processes are listed 100 at a time. */
const PAGE_SIZE = 100;

export function iocProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: iocTypeOptions,
			default: 'sha256',
			required: true,
			displayOptions,
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			required: true,
			description: 'The hash, domain or IP address',
			displayOptions,
		},
	];
}

/** A device-count operation: `type` and `value` in the query. */
type CountOperation = ApiOperation & { params: { type: 'query'; value: 'query' } };
/** A ran-on listing: `type`, `value` (and `device_id`) in the query, paged by `limit` and an `offset` cursor. */
type RanOnOperation = ApiOperation & { params: { type: 'query'; value: 'query'; limit: 'query'; offset: 'query' } };

export function deviceCountOperation(operation: CountOperation, displayOptions: IDisplayOptions): Operation {
	return {
		description: iocProperties(displayOptions),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			const client = falconClient(this);
			const readIoc = iocReader(this);
			return await runPerItem(this, items, {
				concurrency: client.policy.concurrency,
				parse: (index) => readIoc(index),
				run: async (ioc) => {
					// CrowdStrike answers 404 when no host has seen the indicator.
					const answer = await call(client, operation, { query: { ...ioc } }, { acceptStatus: [404] });
					const count = (answer.resources ?? [])[0] ?? {};
					return { json: { ...ioc, device_count: Number(count.device_count ?? 0), limit_exceeded: count.limit_exceeded === true } };
				},
			});
		},
	};
}

export function devicesRanOnOperation(operation: RanOnOperation, displayOptions: IDisplayOptions): Operation {
	return {
		description: [...iocProperties(displayOptions), ...returnAllOrLimit(displayOptions)],
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			const client = falconClient(this);
			const readIoc = iocReader(this);
			return await runPerItem(this, items, {
				concurrency: client.policy.concurrency,
				parse: (index) => ({ ioc: readIoc(index), wanted: readWanted(this, index) }),
				run: async ({ ioc, wanted }) => {
					const request = requestFor(operation, { query: { ...ioc } }, { acceptStatus: [404] });
					const { resources } = await collectByNextOffset<string>(client, request, wanted, PAGE_SIZE);
					return results(resources.map((deviceId) => ({ device_id: deviceId, ...ioc })));
				},
			});
		},
	};
}

export function processesRanOnOperation(operation: RanOnOperation & { params: { device_id: 'query' } }, displayOptions: IDisplayOptions): Operation {
	return {
		description: [
			...iocProperties(displayOptions),
			{
				displayName: 'Device ID',
				name: 'deviceId',
				type: 'string',
				default: '',
				required: true,
				description: 'The host (agent ID, 32 hexadecimal characters) the processes ran on',
				displayOptions,
			},
			...returnAllOrLimit(displayOptions),
		],
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			const client = falconClient(this);
			const readIoc = iocReader(this);
			const node = this.getNode();
			return await runPerItem(this, items, {
				concurrency: client.policy.concurrency,
				parse: (index) => ({
					ioc: readIoc(index),
					deviceId: validateField(node, deviceIdSchema, this.getNodeParameter('deviceId', index), index, 'Device ID').toLowerCase(),
					wanted: readWanted(this, index),
				}),
				run: async ({ ioc, deviceId, wanted }) => {
					const request = requestFor(operation, { query: { ...ioc, device_id: deviceId } }, { acceptStatus: [404] });
					const { resources } = await collectByNextOffset<string>(client, request, wanted, PAGE_SIZE);
					return results(resources.map((processId) => ({ process_id: processId, device_id: deviceId, ...ioc })));
				},
			});
		},
	};
}

const processIdSchema = z
	.string()
	.trim()
	.regex(/^[\w:.-]{1,200}$/, 'a process ID looks like pid:<device id>:<number>');

export function processDetailsOperation(displayOptions: IDisplayOptions): Operation {
	return {
		description: [idsProperty(displayOptions, 'Process')],
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			const client = falconClient(this);
			const node = this.getNode();
			return await runBatched(this, items, {
				parse: (index) => ({ ids: readIds(this, index, processIdSchema, 'Process IDs') }),
				batchSize: 100,
				concurrency: client.policy.concurrency,
				run: async (batch) =>
					await lookUpIds(
						node,
						batch,
						100,
						async (ids) => await getProcesses(client, ids),
						'Process',
						// Process records carry the host and the number; their ID is pid:<host>:<number>.
						(record) => `pid:${String(record.device_id)}:${String(record.process_id)}`,
					),
			});
		},
	};
}
