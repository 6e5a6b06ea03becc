export { FALCON_CREDENTIAL, falconAdapter } from './adapter';
export { FalconClient, falconClient, type FalconContext } from './client';
export { collectByCursor, collectByNextOffset, collectByOffset, collectByScroll, type Collected, type CursorIn, type PageOptions, type Wanted } from './pagination';
export { DEFAULT_POLICY, requestPolicy, requestOptionsProperty, type RequestPolicy } from './policy';
export type { FalconApiErrorEntry, FalconEnvelope, FalconMeta, FalconRawResponse, FalconRequest } from './types';
