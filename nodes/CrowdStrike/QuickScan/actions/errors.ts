import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The error, marked as the failure of this item unless it already names one. */
export function atItem(error: unknown, itemIndex: number): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) error.context.itemIndex ??= itemIndex;
	return error;
}
