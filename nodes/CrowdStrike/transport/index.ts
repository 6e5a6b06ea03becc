export { FalconClient, FALCON_CREDENTIAL, type FalconContext } from './client';
export { apiMessages, falconApiError } from './errors';
export { collectByCursor, collectByOffset, type Collected, type Wanted } from './pagination';
export { DEFAULT_POLICY, requestPolicy, requestOptionsProperty, type RequestPolicy } from './policy';
export type { FalconEnvelope, FalconMeta, FalconRawResponse, FalconRequest } from './types';
export { falconClient } from './client-for';
