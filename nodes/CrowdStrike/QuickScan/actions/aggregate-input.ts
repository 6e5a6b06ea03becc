import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { aggregateBody, type AggregateParameters } from '../../shared/aggregate';

/** What each aggregate field reads as when the chosen mode hides it (n8n throws for an absent parameter without a fallback). */
const AGGREGATE_FALLBACKS: IDataObject = {
	aggregateMode: 'fields',
	aggregationType: 'terms',
	field: '',
	interval: 'day',
	aggregateOptions: {},
	aggregateJson: '',
};

/**
 * The aggregate query of an item, from the fields `aggregateProperties` adds. The IOC node has a
 * reader like it in its getAggregates operation (without the fallbacks); it belongs in shared/aggregate.ts.
 */
export function readAggregate(ctx: IExecuteFunctions, index: number): IDataObject[] {
	const params = Object.fromEntries(
		Object.entries(AGGREGATE_FALLBACKS).map(([name, fallback]) => [name, ctx.getNodeParameter(name, index, fallback)]),
	) as unknown as AggregateParameters;
	return aggregateBody(ctx.getNode(), params, index);
}
