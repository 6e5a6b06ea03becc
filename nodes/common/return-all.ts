import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wholeNumber } from './validation';

/** How many results a Get Many wants: all of them, or at most `limit`. */
export interface Wanted {
	returnAll: boolean;
	limit: number;
}

type ShowConditions = NonNullable<IDisplayOptions['show']>;

/** The same display options, shown only when the extra conditions hold too. */
export function showWith(displayOptions: IDisplayOptions, extra: ShowConditions): IDisplayOptions {
	return { ...displayOptions, show: { ...displayOptions.show, ...extra } };
}

/** Return All and Limit, as every n8n "Get Many" has them. */
export function returnAllOrLimit(displayOptions: IDisplayOptions, maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: showWith(displayOptions, { returnAll: [false] }),
		},
	];
}

/** What an item's Return All and Limit ask for. */
export function readWanted(ctx: IExecuteFunctions, index: number): Wanted {
	const returnAll = ctx.getNodeParameter('returnAll', index, false) === true;
	if (returnAll) return { returnAll, limit: Number.POSITIVE_INFINITY };
	return { returnAll, limit: wholeNumber(ctx.getNode(), ctx.getNodeParameter('limit', index, 50), index, 'Limit', 1, 1_000_000) };
}
