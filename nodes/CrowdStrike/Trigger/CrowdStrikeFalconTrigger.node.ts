import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { properties } from './description';
import { pollFalcon } from './poll';

export class CrowdStrikeFalconTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon Trigger',
		name: 'crowdStrikeFalconTrigger',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Falcon raises an alert or changes its status, quarantines a file or changes its state, an indicator is created or updated, or a Quick Scan completes',
		defaults: { name: 'CrowdStrike Falcon Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crowdStrikeFalconApi', required: true }],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollFalcon.call(this);
	}
}
