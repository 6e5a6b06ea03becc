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
import * as processResource from './actions/process';
import * as referenceData from './actions/referenceData';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';
import { listSearch } from './methods';

export class CrowdStrikeFalconIoc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon IOC',
		name: 'crowdStrikeFalconIoc',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"action:get":"Get action types by ID","action:getMany":"Get many action types","device:count":"Count observing devices","device:getMany":"Get many observing devices","indicator:create":"Create indicators","indicator:delete":"Delete indicators","indicator:exportReport":"Export an indicator report","indicator:get":"Get indicators by ID","indicator:getAggregates":"Get indicator aggregates","indicator:getMany":"Get many indicators","indicator:sync":"Sync indicators with a feed","indicator:update":"Update indicators","process:get":"Get process details","process:getMany":"Get many processes","referenceData:getIocTypes":"Get the indicator types","referenceData:getPlatforms":"Get the platforms","referenceData:getSeverities":"Get the severities"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Create, find, update and delete custom indicators (IOCs) with Falcon IOC Management',
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
					{ name: 'Action Type', value: 'action' },
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
			...processResource.description,
			...referenceData.description,
			requestOptionsProperty,
		]),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
