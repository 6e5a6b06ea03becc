import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../../common/router';
import { agentTool } from './agent-tool';
import * as quarantinedFile from './quarantinedFile';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { quarantinedFile }, agentTool);
}
