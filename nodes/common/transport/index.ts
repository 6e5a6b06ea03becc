export type { ApiContext, VendorAdapter } from './adapter';
export { ApiClient } from './client';
export { apiError, cutText, unknownOutcomeError, type ApiErrorParts } from './errors';
export { writeReconciled, type EntryResult, type ReconciledWrite } from './reconcile';
export { policyOf, requestOptionsProperty, type RequestPolicy } from './request-options';
export type { ApiRequest, FailureDetails, Headers, RawResponse } from './types';
