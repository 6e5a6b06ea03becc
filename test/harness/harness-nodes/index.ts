import type { INodeType } from 'n8n-workflow';

import { HARNESS_INPUT_NODE_TYPE, HarnessInput } from './input.node';
import { Code } from './code.node';
import { If } from './if.node';
import { ManualTrigger } from './manual-trigger.node';
import { Merge } from './merge.node';
import { NoOp } from './no-op.node';
import { ScheduleTrigger } from './schedule-trigger.node';
import { StickyNote } from './sticky-note.node';

export { HARNESS_INPUT_NODE_TYPE };

export const MANUAL_TRIGGER_NODE_TYPE = 'n8n-nodes-base.manualTrigger';
export const NO_OP_NODE_TYPE = 'n8n-nodes-base.noOp';
export const IF_NODE_TYPE = 'n8n-nodes-base.if';
export const SCHEDULE_TRIGGER_NODE_TYPE = 'n8n-nodes-base.scheduleTrigger';
export const CODE_NODE_TYPE = 'n8n-nodes-base.code';
export const MERGE_NODE_TYPE = 'n8n-nodes-base.merge';
export const STICKY_NOTE_NODE_TYPE = 'n8n-nodes-base.stickyNote';

/** The harness's own node types, by full type name. nodes-base is not installed: these stand in. */
export function createHarnessNodeTypes(): Record<string, INodeType> {
	return {
		[HARNESS_INPUT_NODE_TYPE]: new HarnessInput(),
		[MANUAL_TRIGGER_NODE_TYPE]: new ManualTrigger(),
		[NO_OP_NODE_TYPE]: new NoOp(),
		[IF_NODE_TYPE]: new If(),
		[SCHEDULE_TRIGGER_NODE_TYPE]: new ScheduleTrigger(),
		[CODE_NODE_TYPE]: new Code(),
		[MERGE_NODE_TYPE]: new Merge(),
		[STICKY_NOTE_NODE_TYPE]: new StickyNote(),
	};
}
