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
		subtitle:
			'={{ ({"alertUpdated":"On alert updated","newAlert":"On new alert","indicatorChanged":"On new or updated indicator","newQuarantinedFile":"On new quarantined file","quarantinedFileUpdated":"On quarantined file updated","scanCompleted":"On scan completed"})[$parameter["event"]] ?? $parameter["event"] }}',
		description: 'Starts the workflow on new or changed Falcon alerts, quarantined files and indicators, and on finished Quick Scans',
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
