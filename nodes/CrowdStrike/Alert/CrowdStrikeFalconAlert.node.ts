import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { withAgentTool } from '../../common/agent-tool-properties';
import { requestOptionsProperty } from '../transport';
import * as alert from './actions/alert';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';

export class CrowdStrikeFalconAlert implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon Alert',
		name: 'crowdStrikeFalconAlert',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"get":"Get alerts","getAggregates":"Get alert aggregates","getMany":"Get many alerts","update":"Update alerts"})[$parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Search, read, triage and count CrowdStrike Falcon alerts (Alerts API v2; scopes: Alerts read/write)',
		defaults: { name: 'CrowdStrike Falcon Alert' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crowdStrikeFalconApi', required: true }],
		properties: withAgentTool(agentTool, [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Alert', value: 'alert' }],
				default: 'alert',
			},
			...alert.description,
			requestOptionsProperty,
		]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
