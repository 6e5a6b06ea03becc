import type { ITriggerFunctions, ITriggerResponse, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Minimal `n8n-nodes-base.scheduleTrigger` (nodes-base is not installed): a run started by hand
 * (as the harness and `npm start` do) emits one item with the time, as n8n's does when its
 * workflow is executed from the editor. The schedule itself is n8n's business, not the harness's.
 */
export class ScheduleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Schedule Trigger',
		name: 'scheduleTrigger',
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2],
		description: 'Triggers the workflow on a given schedule',
		defaults: { name: 'Schedule Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Trigger Rules', name: 'rule', type: 'json', default: {} }],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			const now = new Date();
			this.emit([this.helpers.returnJsonArray([{ timestamp: now.toISOString(), 'Readable date': now.toUTCString() }])]);
		};
		return { manualTriggerFunction };
	}
}
