export type { ApiContext, VendorAdapter } from './adapter';
export { ApiClient } from './client';
export { apiError, cutText, listMessages, unknownOutcomeError, type ApiErrorParts } from './errors';
export { writeReconciled, type EntryResult, type ReconciledWrite } from './reconcile';
export { policyOf, requestOptionsProperty, type RequestPolicy } from './request-options';
export { rememberBasic, rememberSecrets, scrub, vendorText } from './scrub';
export type { ApiRequest, FailureDetails, Headers, RawResponse } from './types';
