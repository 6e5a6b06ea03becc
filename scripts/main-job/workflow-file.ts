import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INode, IPinData } from 'n8n-workflow';

export interface WorkflowFile {
	name: string;
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
}

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

export function readWorkflow(fileName: string): WorkflowFile {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, fileName), 'utf8')) as WorkflowFile;
}

/** Operations that change a tenant: on a real tenant they run only when writes are allowed. */
const WRITE_OPERATIONS = new Set([
	'create',
	'update',
	'delete',
	'import',
	'upload',
	'submit',
	'scanFile',
	'applyActionByIds',
	'applyActionByQuery',
	'contain',
	'liftContainment',
	'hide',
	'unhide',
	'addHosts',
	'removeHosts',
]);

/** The workflow with its write steps disabled (n8n passes items through a disabled node); a Sync runs as a Dry Run. */
export function readOnly(workflow: WorkflowFile): WorkflowFile {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.type.startsWith('n8n-nodes-edr-soar.')) return node;
			if (node.parameters.operation === 'sync') return { ...node, parameters: { ...node.parameters, dryRun: true } };
			return WRITE_OPERATIONS.has(String(node.parameters.operation)) ? { ...node, disabled: true } : node;
		}),
	};
}
