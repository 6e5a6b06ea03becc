/**
 * The HTTP Request node's Pagination option as a user sets it for CrowdStrike's `after` cursor
 * (offset paging stops at 10,000 on this API): each next request takes the previous answer's
 * cursor, and the node stops when an answer has none.
 */
export const AFTER_CURSOR_PAGINATION = {
	pagination: {
		pagination: {
			paginationMode: 'updateAParameterInEachRequest',
			parameters: { parameters: [{ type: 'qs', name: 'after', value: '={{ $response.body.meta.pagination.after }}' }] },
			paginationCompleteWhen: 'other',
			completeExpression: '={{ !$response.body.meta.pagination.after }}',
		},
	},
};
