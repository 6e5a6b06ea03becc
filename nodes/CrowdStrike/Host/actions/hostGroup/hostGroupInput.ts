import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateField } from '../../../../common/validation';
import { hostGroupIds, hostGroupLocator } from '../../../shared/indicator-host-groups';
import { hostGroupIdSchema } from '../../../shared/schemas';

/** The host group an operation acts on: picked from the searchable list, or by ID. */
export function hostGroupProperty(displayOptions: IDisplayOptions): INodeProperties {
	return hostGroupLocator({ displayOptions, description: 'The host group, picked from the list (searchable by name) or by ID' });
}

/** An item's host group ID (lower case), checked. */
export function readHostGroupId(ctx: IExecuteFunctions, index: number): string {
	const [id] = hostGroupIds(ctx.getNodeParameter('hostGroup', index, ''));
	return validateField(ctx.getNode(), hostGroupIdSchema, id ?? '', index, 'Host Group').toLowerCase();
}
