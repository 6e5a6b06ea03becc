export { ORION_CREDENTIAL, ORION_DEFAULT_POLICY, orionAdapter } from './adapter';
export { OrionClient, orionClient, orionRequestOptions, type OrionContext } from './client';
export { orionMessage } from './errors';
export type { OrionRequest, OrionResponse } from './types';
export { readRequestPolicy, type RequestPolicy } from '../../common/request-policy';
