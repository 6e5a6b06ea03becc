import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { lookbackProperty } from '../../common/polling';
import { orionRequestOptions } from '../transport';
import { DEFAULT_MAX_ITEMS, pollOrion } from './poll';

export class CytomicOrionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cytomic Orion Trigger',
		name: 'cytomicOrionTrigger',
		icon: { light: 'file:../../../icons/cytomic.svg', dark: 'file:../../../icons/cytomic.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({"newAlert":"On new alert"})[$parameter["event"]] ?? $parameter["event"] }}',
		description: 'Start a workflow on new Cytomic Orion alerts, or import, find and delete IOCs',
		defaults: { name: 'Cytomic Orion Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cytomicOrionApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: [
					{
						name: 'New Alert',
						value: 'newAlert',
						action: 'On new alert',
						description: 'Orion generated an alert (an indicator in its console) from a hunting rule',
					},
				],
				default: 'newAlert',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Closed', value: 'Closed', description: 'Assigned to an investigation that is closed' },
					{ name: 'In Progress', value: 'InProgress', description: 'Assigned to an investigation that is still open' },
					{ name: 'Pending', value: 'Pending', description: 'Not assigned to an investigation yet' },
				],
				default: [],
				description: 'Only alerts in these statuses when the trigger first sees them. None: every status.',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Hunting Rule',
						name: 'huntingRule',
						type: 'string',
						default: '',
						placeholder: 'Credential dumping from LSASS memory',
						description: 'Only alerts of the hunting rule with this name',
					},
					{
						displayName: 'Include Excluded',
						name: 'showExcluded',
						type: 'boolean',
						default: false,
						description: 'Whether to also emit alerts that belong to a deletion rule (in the bin)',
					},
					{
						displayName: 'Machine Name',
						name: 'machineName',
						type: 'string',
						default: '',
						placeholder: 'FIN-LAPTOP-07',
						description: 'Only alerts raised on the computer with this name',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Items per Poll',
						name: 'maxItems',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 30000 },
						default: DEFAULT_MAX_ITEMS,
						description: 'The most alerts one poll emits, oldest first; the rest follow on the next polls',
					},
					lookbackProperty,
				],
			},
			orionRequestOptions,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOrion.call(this);
	}
}
