export { OrionClient, ORION_CREDENTIAL, ORION_DEFAULT_POLICY, orionClient, orionRequestOptions, type OrionContext } from './client';
export { orionApiError, orionMessage } from './errors';
export type { OrionRequest, OrionResponse } from './types';
export { readRequestPolicy, type RequestPolicy } from '../../common/request-policy';
