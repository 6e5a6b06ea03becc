import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { withAgentTool } from '../../common/agent-tool-properties';
import { orionRequestOptions } from '../transport';
import * as ioc from './actions/ioc';
import { agentTool } from './actions/agent-tool';
import { router } from './actions/router';

export class CytomicOrion implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cytomic Orion',
		name: 'cytomicOrion',
		icon: { light: 'file:../../../icons/cytomic.svg', dark: 'file:../../../icons/cytomic.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({"delete":"Delete indicators","getManyByAttributes":"Get indicators by attributes","getManyByDate":"Get indicators by date","import":"Import indicators","retrospectiveSearch":"Run a retrospective search"})[$parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Import, find, search retrospectively and delete Cytomic Orion IOCs',
		defaults: { name: 'Cytomic Orion' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cytomicOrionApi', required: true }],
		properties: withAgentTool(agentTool, [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'IOC', value: 'ioc' }],
				default: 'ioc',
			},
			...ioc.description,
			orionRequestOptions,
		]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
