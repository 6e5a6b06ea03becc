import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { aggregateBody, type AggregateParameters } from '../../shared/aggregate';

/**
 * The aggregate query of an item, from the fields `aggregateProperties` adds. The IOC node has the
 * same reader in its getAggregates operation; it belongs in shared/aggregate.ts.
 */
export function readAggregate(ctx: IExecuteFunctions, index: number): IDataObject[] {
	const params = Object.fromEntries(
		['aggregateMode', 'aggregationType', 'field', 'interval', 'aggregateOptions', 'aggregateJson'].map((name) => [
			name,
			ctx.getNodeParameter(name, index, undefined),
		]),
	) as unknown as AggregateParameters;
	return aggregateBody(ctx.getNode(), params, index);
}
