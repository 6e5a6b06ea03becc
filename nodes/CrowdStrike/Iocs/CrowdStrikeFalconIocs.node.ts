import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { withAgentTool } from '../../common/agent-tool-properties';
import { requestOptionsProperty } from '../transport';
import * as device from './actions/device';
import * as ioc from './actions/ioc';
import * as processResource from './actions/process';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';

export class CrowdStrikeFalconIocs implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon IOCs (Legacy)',
		name: 'crowdStrikeFalconIocs',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"device:count":"Count observing devices","device:getMany":"Get many observing devices","ioc:create":"Create an IOC","ioc:delete":"Delete an IOC","ioc:get":"Get an IOC","ioc:getMany":"Get many custom indicators","ioc:update":"Update an IOC","process:get":"Get process details","process:getMany":"Get many processes"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Keeps workflows built on the legacy custom-IOC API working; new workflows use CrowdStrike Falcon IOC',
		defaults: { name: 'CrowdStrike Falcon IOCs (Legacy)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crowdStrikeFalconApi', required: true }],
		properties: withAgentTool(agentTool, [
			{
				displayName:
					'CrowdStrike retired the legacy custom-IOC endpoints. Get, Create, Update, Delete and Get Many run through IOC Management with the legacy parameters and answer with the legacy field names (policy detect/none, share_level, expiration_days). Device and Process operations call their legacy endpoints, which still answer. New workflows should use the CrowdStrike Falcon IOC node.',
				name: 'legacyNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Device', value: 'device' },
					{ name: 'IOC', value: 'ioc' },
					{ name: 'Process', value: 'process' },
				],
				default: 'ioc',
			},
			...device.description,
			...ioc.description,
			...processResource.description,
			requestOptionsProperty,
		]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
