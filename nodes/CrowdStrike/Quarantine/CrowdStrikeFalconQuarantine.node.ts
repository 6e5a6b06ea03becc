import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { withAgentTool } from '../../common/agent-tool-properties';
import { requestOptionsProperty } from '../transport';
import * as quarantinedFile from './actions/quarantinedFile';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';

export class CrowdStrikeFalconQuarantine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CrowdStrike Falcon Quarantine',
		name: 'crowdStrikeFalconQuarantine',
		icon: { light: 'file:../../../icons/crowdstrike.svg', dark: 'file:../../../icons/crowdstrike.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"applyActionByIds":"Apply action by ID","applyActionByQuery":"Apply action by query","countAffected":"Count files per action","get":"Get quarantined files by ID","getAggregates":"Get quarantine aggregates","getMany":"Get many quarantined files"})[$parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Find quarantined files across the fleet and release, unrelease or delete them with CrowdStrike Falcon',
		defaults: { name: 'CrowdStrike Falcon Quarantine' },
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
				options: [{ name: 'Quarantined File', value: 'quarantinedFile' }],
				default: 'quarantinedFile',
			},
			...quarantinedFile.description,
			requestOptionsProperty,
		]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
