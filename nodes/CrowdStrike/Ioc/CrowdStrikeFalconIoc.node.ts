import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { withAgentTool } from '../../common/agent-tool-properties';
import { requestOptionsProperty } from '../transport';
import * as action from './actions/action';
import * as device from './actions/device';
import * as indicator from './actions/indicator';
import * as process from './actions/process';
import * as referenceData from './actions/referenceData';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class CrowdStrikeFalconIoc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon IOC',
		name: 'crowdStrikeFalconIoc',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage custom indicators of compromise with CrowdStrike Falcon IOC Management',
		defaults: { name: 'CrowdStrike Falcon IOC' },
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
				options: [
					{ name: 'Action', value: 'action' },
					{ name: 'Device', value: 'device' },
					{ name: 'Indicator', value: 'indicator' },
					{ name: 'Process', value: 'process' },
					{ name: 'Reference Data', value: 'referenceData' },
				],
				default: 'indicator',
			},
			...action.description,
			...device.description,
			...indicator.description,
			...process.description,
			...referenceData.description,
			requestOptionsProperty,
		]),
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
